// google-auth-library (with gaxios, gtoken, gcp-metadata: ~0.1 s of CPU to
// load) is loaded on first use, not at start: `calsync status`, `tasks`,
// `config` and the window's reads never talk to Google. Each caller that
// needs it awaits this once; later calls get the module already loaded.
import type * as GoogleAuth from 'google-auth-library';

let loading: Promise<typeof GoogleAuth> | null = null;

export function loadGoogleAuth(): Promise<typeof GoogleAuth> {
  // A CommonJS package: Node's import() offers its exports both by name and as
  // `default`; the bundle's chunk of it (esbuild's splitting) as `default` only.
  return (loading ??= import('google-auth-library').then((m) =>
    'OAuth2Client' in m ? m : (m as { default: typeof GoogleAuth }).default,
  ));
}
