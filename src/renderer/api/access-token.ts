// `calsync serve` prints http://127.0.0.1:PORT/#token=…: the fragment never
// reaches a server or a log. Take it, keep it for reloads of this tab only,
// and remove it from the address bar and history.
const KEY = 'calsync.token';

export function takeAccessToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    sessionStorage.setItem(KEY, fromHash);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(KEY);
}

/**
 * A new link pasted into an open tab changes only the fragment, which does
 * not reload the page: start again so the new token replaces the old one
 * (after a `calsync serve` restart the old one is refused).
 */
export function reloadOnNewToken(): void {
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.replace(/^#/, '')).has('token')) window.location.reload();
  });
}
