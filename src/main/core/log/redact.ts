// Secrets must never reach a log line: keys that name a secret are masked, and
// every string goes through the one scrubber (src/shared/scrub.ts) that errors
// use too: registered secret values and token-shaped text.
import { scrubSecrets, SECRET_KEY, SECRET_MASK } from '../../../shared/scrub';

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubSecrets(value.message),
      stack: value.stack ? scrubSecrets(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? SECRET_MASK : redact(v, depth + 1);
  }
  return out;
}
