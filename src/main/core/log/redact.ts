// Secrets must never reach a log line: keys that name a secret are masked, and
// any value registered as secret is scrubbed wherever it appears in a string.

const SECRET_KEY = /^(access_?token|refresh_?token|id_?token|token|code|code_?verifier|client_?secret|authorization|password|apikey|api_?key|secret|session|jwt|cookie)$/i;
const MASK = '[redacted]';
const secrets = new Set<string>();

/** Remember a secret value so it is scrubbed from every later log line. */
export function registerSecret(value: string | null | undefined): void {
  // Very short values would scrub ordinary words; real tokens are long.
  if (value && value.length >= 8) secrets.add(value);
}

export function scrubString(s: string): string {
  let out = s;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${MASK}`);
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrubString(value.message), stack: value.stack ? scrubString(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? MASK : redact(v, depth + 1);
  }
  return out;
}
