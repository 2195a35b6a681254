// An access token from the fake Google by the same loopback + PKCE flow the
// app uses (without a browser): the floor and the page cache use it.
import { createHash, randomBytes } from 'node:crypto';

export async function accessToken(env: Record<string, string>): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const redirect = 'http://127.0.0.1:9/cb';
  const auth = new URL(env.CALSYNC_GOOGLE_AUTH_URL!);
  const q = {
    client_id: env.CALSYNC_GOOGLE_CLIENT_ID!,
    redirect_uri: redirect,
    response_type: 'code',
    scope: 'openid email https://www.googleapis.com/auth/calendar.readonly',
    state: 's',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    access_type: 'offline',
  };
  for (const [k, v] of Object.entries(q)) auth.searchParams.set(k, v);
  const code = new URL((await fetch(auth, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(env.CALSYNC_GOOGLE_TOKEN_URL!, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      client_id: q.client_id,
      client_secret: env.CALSYNC_GOOGLE_CLIENT_SECRET!,
      code_verifier: verifier,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
