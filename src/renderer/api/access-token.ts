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
