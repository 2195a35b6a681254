// Stable ids: a proposal's id follows from its task and slot, and the Google
// event id follows from the proposal id, so a retried insert hits the same
// event instead of creating a second one.
// @noble/hashes: pure and synchronous, as the planner must be (WebCrypto's digest is neither).
import { sha256 } from '@noble/hashes/sha2.js';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** Lowercase base32hex (RFC 4648 §7) without padding. */
export function base32hex(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32HEX[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(acc << (5 - bits)) & 31];
  return out;
}

function digest(text: string): string {
  return base32hex(sha256(new TextEncoder().encode(text)));
}

// planWithHabits() names mostly the same blocks in each of its plan() calls:
// ids already hashed are looked up. Bounded: emptied when it grows past this.
const ID_CACHE_MAX = 20_000;
const idCache = new Map<string, string>();

/** 20 base32hex characters = 100 bits, plenty for one user's proposals. */
export function proposalIdFor(taskId: string, start: number, end: number): string {
  const text = `calsync-proposal\u0000${taskId}\u0000${start}\u0000${end}`;
  let id = idCache.get(text);
  if (id === undefined) {
    id = `p${digest(text).slice(0, 20)}`;
    if (idCache.size >= ID_CACHE_MAX) idCache.clear();
    idCache.set(text, id);
  }
  return id;
}

/**
 * A Google Calendar event id for a proposal: base32hex characters only
 * (a–v, 0–9), 52 of them (the full 256-bit SHA-256), well within 5–1024.
 */
export function deterministicEventId(proposalId: string): string {
  return digest(`calsync-event\u0000${proposalId}`);
}
