// Everything the CLI prints goes through here, so text from elsewhere (calendar
// names chosen by whoever shares the calendar, event and task titles, errors
// a server wrote) is inert on a terminal: control characters (C0, DEL, C1, and
// the bidi and line-separator controls) are shown escaped, never executed —
// no window-title or clipboard (OSC 52) writes, no cursor moves, no \r that
// overwrites a line.

// C0 except \n (handled per use), DEL, C1, and the invisible format controls that reorder or split lines.
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\t': '\\t', '\r': '\\r', '\n': '\\n', '\u001b': '\\e' };

function escape(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One value inside a line (a table cell, a name, an error): every control character escaped, newlines too. */
export function inert(value: string): string {
  return value.replace(CONTROL, escape).replace(/\n/g, '\\n');
}

/** Text for people, several lines: the line breaks the command meant stay, every other control is escaped. */
export function inertText(text: string): string {
  return text.replace(CONTROL, escape);
}

/**
 * A JSON document for stdout. JSON.stringify escapes C0 but writes DEL, C1
 * and the format controls raw; escaping them as \uXXXX keeps the same value
 * (and so the --json contract) while a terminal showing it stays inert.
 */
export function inertJson(doc: unknown): string {
  return JSON.stringify(doc).replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes a line (or lines) for people to stdout or stderr, inert. */
export function say(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${inertText(text)}\n`);
}
