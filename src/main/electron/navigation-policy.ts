// What the window may navigate to: nothing. The renderer is a single page on
// the app origin; any navigation or new window is refused, and a link the user
// clicked opens in the system browser only when its scheme is on the list.
const EXTERNAL_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

/** The URL to hand to the system browser, or null when it must not leave the app at all. */
export function externalUrlToOpen(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!EXTERNAL_SCHEMES.has(parsed.protocol)) return null;
  // Credentials in a link are a phishing trick ("https://google.com@evil.example"); never follow them.
  if (parsed.username || parsed.password) return null;
  return parsed.href;
}
