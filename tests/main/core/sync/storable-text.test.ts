// Text Postgres cannot store (NUL, unpaired surrogates) is made storable at
// the cache boundary, with a note — checked against a code-unit-by-code-unit
// oracle, and through normalizeEvent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../../../src/main/core/sync/normalize-event';
import { STORABLE_FIELDS, isStorableText, storableText } from '../../../../src/main/core/sync/storable-text';

/** The oracle: walk UTF-16 code units; keep surrogate pairs, replace NUL and lone halves with U+FFFD. */
function oracle(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
    if (high && next >= 0xdc00 && next <= 0xdfff) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else if (c === 0 || high || low) out += '\uFFFD';
    else out += s[i]!;
  }
  return out;
}

/** Strings rich in the characters that matter: NUL, both surrogate halves, pairs, plain text. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '😀', '\uFFFD', 'a', ' ', 'é'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('storableText', () => {
  it('replaces exactly what the oracle does, one U+FFFD per bad code unit', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = storableText(s);
        expect(out).toBe(oracle(s));
        expect(out).toHaveLength(s.length);
        expect(isStorableText(out)).toBe(true);
        expect(storableText(out)).toBe(out);
        expect(isStorableText(s)).toBe(out === s);
      }),
      { numRuns: 500 },
    );
  });

  it('survives a JSON round trip as Postgres would read it (no \\u0000, no lone surrogate escape)', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const json = JSON.stringify(storableText(s));
        expect(json).not.toMatch(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i);
      }),
    );
  });
});

describe('normalizeEvent: text the workspace cannot store', () => {
  const event = (over: Record<string, unknown>) => ({
    id: 'nul0event',
    summary: 'Standup',
    start: { dateTime: '2026-03-29T09:00:00Z' },
    end: { dateTime: '2026-03-29T09:15:00Z' },
    updated: '2026-03-01T10:00:00.000Z',
    ...over,
  });

  it('replaces NUL and lone surrogates in every pushed text field and says so in a note', () => {
    const n = normalizeEvent(
      event({
        summary: 'bad\u0000title',
        description: 'x\u0000\u0000y',
        iCalUID: 'uid\u0000@x',
        etag: '"e\uD800"',
        location: 'ok',
        extendedProperties: { private: { calsyncTaskId: 't\u0000' } },
      }),
      'UTC',
    );
    expect(n.kind).toBe('upsert');
    if (n.kind !== 'upsert') return;
    expect(n.row).toMatchObject({
      title: 'bad\uFFFDtitle',
      description: 'x\uFFFD\uFFFDy',
      iCalUID: 'uid\uFFFD@x',
      etag: '"e\uFFFD"',
      location: 'ok',
      calsyncTaskId: 't\uFFFD',
    });
    for (const f of STORABLE_FIELDS) {
      const v = n.row[f];
      if (typeof v === 'string') expect({ f, ok: isStorableText(v) }).toEqual({ f, ok: true });
    }
    expect(n.notes).toEqual([
      expect.stringMatching(/^iCalUID, title, description, etag, calsyncTaskId held characters Postgres cannot store/),
    ]);
  });

  it('leaves storable events as they are, without a note', () => {
    const n = normalizeEvent(event({ summary: 'Kaffee ☕ 😀', description: 'line\nbreak\ttab \uFFFD' }), 'UTC');
    expect(n).toMatchObject({
      kind: 'upsert',
      notes: [],
      row: { title: 'Kaffee ☕ 😀', description: 'line\nbreak\ttab \uFFFD' },
    });
  });
});
