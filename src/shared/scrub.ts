// The one scrubber for secrets in text. Every secret value the process learns
// (Google tokens, the client secret, the Supabase session, the serve token) is
// registered here; scrubSecrets() masks those values, in raw and URL-encoded
// form, and anything shaped like a credential even when it was never
// registered (a token echoed back by a server in an error body). Logs and
// errors-as-data (toErrorData, AppError) both go through it.

export const SECRET_MASK = '[redacted]';

/** Keys whose values are credentials wherever they appear (JSON, form bodies, logs). */
export const SECRET_KEY =
  /^(access_?token|refresh_?token|id_?token|provider_?token|provider_?refresh_?token|token|code|code_?verifier|client_?secret|authorization|password|apikey|api_?key|secret|session|jwt|cookie)$/i;

const secrets = new Set<string>();
// Longest first, so a secret that contains another is masked whole; rebuilt only when one is added.
let ordered: string[] = [];

/** Remember a secret value so it is scrubbed from every later log line and error. */
export function registerSecret(value: string | null | undefined): void {
  // Very short values would scrub ordinary words; real tokens are long.
  if (!value || value.length < 8 || secrets.has(value)) return;
  secrets.add(value);
  const encoded = encodeURIComponent(value);
  if (encoded !== value) secrets.add(encoded);
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** Registers the credential-named string values of a JSON document (a stored session, a token response). */
export function registerSecretsIn(json: string | null | undefined): void {
  if (!json) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return; // not JSON: nothing with names to go by
  }
  const walk = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 6) return;
    for (const [k, inner] of Object.entries(v)) {
      if (typeof inner === 'string' && SECRET_KEY.test(k)) registerSecret(inner);
      else walk(inner, depth + 1);
    }
  };
  walk(parsed, 0);
}

// Token shapes, masked whether or not this process ever saw the value.
const PATTERNS: Array<[RegExp, string]> = [
  // "Bearer <token>" keeps the scheme so a reader still sees what it was.
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${SECRET_MASK}`],
  // JWTs (Supabase sessions and keys, Google id tokens): header.payload[.signature].
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g, SECRET_MASK],
  // Google OAuth access tokens and refresh tokens, raw or URL-encoded.
  [/\bya29\.[A-Za-z0-9._~+/=-]+/g, SECRET_MASK],
  [/\b1(?:\/\/|%2F%2F)[A-Za-z0-9._~+=-]{8,}/gi, SECRET_MASK],
  // Google client secrets.
  [/\bGOCSPX-[A-Za-z0-9_-]{8,}/g, SECRET_MASK],
  // Form-encoded or query credentials echoed back: refresh_token=…&client_secret=…
  [/\b(access_token|refresh_token|id_token|client_secret|code_verifier|code|token)=[^&\s"',;]+/gi, `$1=${SECRET_MASK}`],
  // JSON-ish "refresh_token": "…" echoed inside a message.
  [
    /("(?:access_token|refresh_token|id_token|client_secret|code_verifier|provider_token|provider_refresh_token)"\s*:\s*")[^"]*"/gi,
    `$1${SECRET_MASK}"`,
  ],
];

export function scrubSecrets(s: string): string {
  let out = s;
  for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(SECRET_MASK);
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** scrubSecrets over every string inside a value (error details, run entries). */
export function scrubDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out as T;
}
