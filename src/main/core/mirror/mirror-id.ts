// The id of a mirror at Google: derived from the rule and the source event
// alone, so every retry, a crash or a second device asks Google for the same
// id and Google's uniqueness (409 on a taken id, deleted ones included) keeps
// one copy. Google's rule for client ids (events.insert): base32hex
// characters (a-v, 0-9), 5 to 1024 of them, unique per calendar.
import { createHash } from 'node:crypto';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** base32hex of the first 20 bytes of SHA-256(rule id, source key): 32 characters. */
export function mirrorEventId(ruleId: string, sourceKey: string): string {
  const digest = createHash('sha256').update(`calsync-mirror\n${ruleId}\n${sourceKey}`).digest();
  let out = '';
  let bits = 0;
  let value = 0;
  for (let i = 0; i < 20; i++) {
    value = (value << 8) | digest[i]!;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

export const GOOGLE_CLIENT_ID = /^[a-v0-9]{5,1024}$/;
