// The one origin the window's code comes from. The renderer is served by our
// own protocol handler (app-protocol.ts), never from a remote URL or file://,
// so "is this frame ours?" is a plain origin comparison everywhere.
export const APP_SCHEME = 'app';
export const APP_HOST = 'calsync';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs served by the app protocol (scheme and host both match). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
