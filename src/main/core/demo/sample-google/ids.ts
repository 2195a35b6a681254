// Deterministic randomness and Google-looking identifiers. Everything random in
// the fake draws from one seeded generator so a failing run can be replayed.

/** mulberry32: tiny, fast, good enough for test data (not for secrets). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class IdSource {
  private readonly rand: () => number;
  constructor(seed: number) {
    this.rand = seededRandom(seed);
  }

  /** Built from char codes, so the result is one flat string rather than a tree of n pieces. */
  pick(alphabet: string, n: number): string {
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i++) codes[i] = alphabet.charCodeAt(Math.floor(this.rand() * alphabet.length));
    return String.fromCharCode(...codes);
  }

  /** Server-assigned event ids look like "e4n4cn7ekp59crc84vljaknin4": 26 base32hex chars. */
  eventId(): string {
    return this.pick(BASE32HEX, 26);
  }

  /** Google account ids ("sub") are 21-digit numbers. */
  sub(): string {
    return '1' + this.pick('0123456789', 20);
  }

  /** Prefixes as Google issues them, so redaction patterns written for real tokens are exercised. */
  accessToken(): string {
    return 'ya29.a0' + this.pick(URLSAFE, 150);
  }

  refreshToken(): string {
    return '1//0' + this.pick(URLSAFE, 99);
  }

  /** Real codes contain a "/", which a client must URL-decode correctly from the redirect. */
  authCode(): string {
    return '4/0A' + this.pick(URLSAFE, 70);
  }

  opaque(n = 24): string {
    return this.pick(URLSAFE, n);
  }

  /** Tasks ids are base64 of "<number>:0:<number>" in real responses. */
  taskId(): string {
    const raw = `${this.pick('0123456789', 20)}:0:${this.pick('0123456789', 10)}`;
    return Buffer.from(raw).toString('base64').replace(/=+$/, '');
  }
}

const B32HEX_ID = /^[a-v0-9]{5,1024}$/;

/** Google's documented rule for client-supplied event ids. */
export function isValidClientEventId(id: string): boolean {
  return B32HEX_ID.test(id);
}

/** Deep copy of plain JSON data; several times faster than structuredClone for small objects. */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = deepCopy((v as Record<string, unknown>)[k]);
  return out as T;
}

export function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

export function fromB64url(s: string): string {
  return Buffer.from(s, 'base64url').toString('utf8');
}
