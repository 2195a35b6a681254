// A damaged token file is kept next to the good one as
// `tokens.json.damaged-<time>`. Status names the newest such file for a week,
// in every process (the one that found the damage may have been a CLI run).
import { readdirSync } from 'node:fs';
import path from 'node:path';

const NOTE_FOR_MS = 7 * 86_400_000;

export function damagedTokenFileName(file: string, now: number): string {
  return `${file}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
}

/** When the damage was found, from the name (a rename keeps the old file's mtime). */
function foundAt(name: string): number | null {
  const m = /\.damaged-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(name);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : null;
}

/** "the token file was damaged …" for status, or nothing. */
export function damagedTokenFileNotes(file: string, now: number): string[] {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.damaged-`;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
  const newest = names.map((n) => ({ name: n, at: foundAt(n) ?? 0 })).sort((a, b) => b.at - a.at)[0];
  if (!newest || now - newest.at > NOTE_FOR_MS) return [];
  return [
    `the token file was damaged and has been moved aside to ${path.join(dir, newest.name)} (kept); accounts signed in before need \`calsync login\` again, nothing else was lost`,
  ];
}
