import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inert, inertJson, inertText } from '../../../src/main/cli/terminal';

// The oracle: code points a terminal may act on, listed by number, not by the module's regex.
const acts = (cp: number) =>
  cp < 0x20 ||
  (cp >= 0x7f && cp <= 0x9f) ||
  cp === 0x61c ||
  cp === 0x200e ||
  cp === 0x200f ||
  cp === 0x2028 ||
  cp === 0x2029 ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2066 && cp <= 0x2069);
const controls = (s: string, allowNewline: boolean) =>
  [...s].map((c) => c.codePointAt(0)!).filter((cp) => acts(cp) && !(allowNewline && cp === 0x0a));

// Text heavy in the characters that matter: ESC, BEL, CR, LF, C1 CSI/OSC, RLO, plus ordinary letters.
const hostile = fc
  .array(
    fc.constantFrom(
      '\u001b',
      '\u0007',
      '\r',
      '\n',
      '\t',
      '\u0000',
      '\u007f',
      '\u009b',
      '\u009d',
      '\u202e',
      '\u2028',
      ']',
      '0',
      ';',
      'a',
      'é',
      '😀',
      ' ',
    ),
    { maxLength: 40 },
  )
  .map((a) => a.join(''));
const anyText = fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 40 }));

describe('terminal output is inert', () => {
  it('inert() leaves no control character, newlines included, and only adds backslash escapes', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = inert(s);
        expect(controls(out, false)).toEqual([]);
        // Text without controls is left alone.
        if (controls(s, false).length === 0) expect(out).toBe(s);
      }),
    );
  });

  it('inertText() keeps the line breaks and escapes every other control', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = inertText(s);
        expect(controls(out, true)).toEqual([]);
        expect(out.split('\n').length).toBe(s.split('\n').length);
      }),
    );
  });

  it('inertJson() is the same JSON value, with no control character on the wire', () => {
    fc.assert(
      fc.property(
        fc.dictionary(anyText, fc.oneof(anyText, fc.integer(), fc.array(anyText, { maxLength: 3 }))),
        (doc) => {
          const out = inertJson(doc);
          expect(controls(out, false)).toEqual([]);
          expect(JSON.parse(out)).toEqual(doc);
        },
      ),
    );
  });

  it('window-title, clipboard and carriage-return attacks come out as visible text', () => {
    expect(inert('Team\u001b]0;pwned\u0007\r\u001b]52;c;ZXZpbA==\u0007\u009b2J')).toBe(
      'Team\\e]0;pwned\\x07\\r\\e]52;c;ZXZpbA==\\x07\\x9b2J',
    );
  });
});
