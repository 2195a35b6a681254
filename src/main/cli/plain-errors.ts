// Error text for people. The engine's messages carry what programs and logs
// need (the call, the HTTP status, Node's error code); at a terminal a socket
// code like ECONNREFUSED says nothing, so the human output names what happened
// and what calsync does about it. --json output keeps the engine's message.

/** Node / undici network codes, in words. */
const NETWORK: Array<[RegExp, string]> = [
  [/ECONNREFUSED/, 'the connection was refused'],
  [/ENOTFOUND|EAI_AGAIN/, 'the name could not be looked up (no DNS — offline?)'],
  [/ETIMEDOUT|TimeoutError|timed? ?out/i, 'the connection timed out'],
  [/ECONNRESET|socket hang up|UND_ERR_SOCKET|EPIPE/, 'the connection was cut'],
  [/fetch failed|network/i, 'the network is not reachable'],
];

/** Which service a message is about: Supabase when it says so, else Google (the engine's only other peer). */
function peer(text: string): string {
  return /supabase|postgrest|workspace/i.test(text) ? 'Supabase' : 'Google';
}

/** A network failure as one plain line, or null when the text is not one. */
export function plainNetworkError(text: string): string | null {
  const hit = NETWORK.find(([re]) => re.test(text));
  if (!hit) return null;
  return `can't reach ${peer(text)} (${hit[1]}); check the connection — nothing was lost, the next sync picks up where this one stopped`;
}

/** A retry the engine is about to make, as the one line a person needs while waiting. */
export function plainRetry(r: {
  delayMs: number;
  status: number | null;
  reason: string | null;
  label?: string;
}): string {
  const secs = Math.max(1, Math.round(r.delayMs / 1000));
  const wait = `retrying in ${secs} s…`;
  if (r.status === null) return `can't reach Google, ${wait}`;
  if (r.status === 429 || r.reason === 'rateLimitExceeded' || r.reason === 'userRateLimitExceeded')
    return `Google asks calsync to slow down, ${wait}`;
  if (r.status >= 500) return `Google is having trouble (HTTP ${r.status}), ${wait}`;
  return `Google answered HTTP ${r.status}${r.reason ? ` ${r.reason}` : ''}, ${wait}`;
}

/** Any one-line error for a person: network failures in plain words, the rest as the engine wrote it. */
export function plainError(text: string): string {
  return plainNetworkError(text) ?? text;
}
