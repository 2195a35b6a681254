// Opaque page and sync tokens. A page token is bound to its calendar and to a
// hash of the query; a sync token to its calendar and to the calendar's token
// generation (epoch), which invalidateSyncTokens advances.
import { b64url, fromB64url } from '../ids';

export interface PageCursor {
  /** calendar id */
  c: string;
  /** hash of the query the listing started with */
  h: string;
  /** log position: seq of the entry to resume at, and the slot within it */
  s: number;
  i: number;
  /** offset, for sorted (orderBy) listings */
  o?: number;
  /** seq the incremental listing started after, when paging a syncToken listing */
  f?: number;
  /** epoch the listing started in */
  e: number;
}

export interface SyncCursor {
  c: string;
  s: number;
  e: number;
}

// A version byte up front makes the tokens look (and fail) like Google's: opaque base64.
function encode(kind: string, body: object): string {
  return b64url(`${kind}1${JSON.stringify(body)}`);
}

function decode<T>(kind: string, token: string): T | null {
  try {
    const raw = fromB64url(token);
    if (!raw.startsWith(`${kind}1`)) return null;
    return JSON.parse(raw.slice(kind.length + 1)) as T;
  } catch {
    return null;
  }
}

export const encodePageToken = (c: PageCursor): string => encode('P', c);
export const decodePageToken = (t: string): PageCursor | null => {
  const c = decode<PageCursor>('P', t);
  return c && typeof c.c === 'string' && typeof c.s === 'number' && typeof c.i === 'number' && typeof c.e === 'number'
    ? c
    : null;
};

export const encodeSyncToken = (c: SyncCursor): string => encode('S', c);
export const decodeSyncToken = (t: string): SyncCursor | null => {
  const c = decode<SyncCursor>('S', t);
  return c && typeof c.c === 'string' && typeof c.s === 'number' && typeof c.e === 'number' ? c : null;
};
