// DNS-rebinding and CSRF defence: a request must name our loopback origin in
// Host, and a browser request must not come from another site. A page on
// evil.example that rebinds its name to 127.0.0.1 still sends
// "Host: evil.example"; a cross-site fetch or form carries its own Origin.
import type { IncomingMessage } from 'node:http';

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Why the request is refused, or null when it may go on. */
export function refuseForeign(req: IncomingMessage, port: number): string | null {
  const hosts = allowedHosts(port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) return `Host "${host}" is not this server's loopback address`;
  const origin = req.headers.origin;
  // "null" (sandboxed frames, file://) is as foreign as any other site.
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`))
    return `Origin "${origin}" is not this server's origin`;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return 'cross-site requests are refused';
  return null;
}
