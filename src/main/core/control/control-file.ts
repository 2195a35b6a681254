// Where a running tray app or `calsync serve` can be reached by a command of
// the same data dir: control.json (0600, in the 0700 data dir) names the
// process, its loopback port and a token made for this process's life. Only
// someone who can read the data dir can read the token, so the file is the
// proof that a caller is the user (core/control/control-server.ts). With two
// apps on one data dir (the tray and a `calsync serve`) the last to start is
// named; once it stops, commands sync on their own. The other way round (the
// first keeps the file) would let a stale file whose pid the system reused
// after a reboot shut every later app out.
import { promises as fs } from 'node:fs';
import * as z from 'zod';
import { writePrivateFileAtomic } from '../config/private-files';
// The lease's test of a holder: a zombie (killed, not yet reaped) counts as gone.
import { processAlive } from '../sync/lease-owner';

export const controlFileSchema = z
  .object({
    version: z.literal(1),
    pid: z.number().int().positive(),
    port: z.number().int().min(1).max(65_535),
    token: z.string().regex(/^[A-Za-z0-9_-]{32,256}$/),
  })
  .strict();

export type ControlFile = z.infer<typeof controlFileSchema>;

export async function writeControlFile(file: string, c: ControlFile): Promise<void> {
  await writePrivateFileAtomic(file, `${JSON.stringify(c)}\n`);
}

export type ControlFileRead = { ok: true; value: ControlFile } | { ok: false; reason: string };

export async function readControlFile(file: string): Promise<ControlFileRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no calsync app is running' : `cannot read ${file} (${code})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${file} is not JSON` };
  }
  const parsed = controlFileSchema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: `${file} is not a calsync control file` };
}

/** Removes the file only while it is still this process's: another app of the same data dir may have written its own since. */
export async function removeControlFile(file: string, token: string): Promise<void> {
  const read = await readControlFile(file);
  if (read.ok && read.value.token === token) await fs.rm(file, { force: true });
}

/** The pid of the tray app or `calsync serve` running on this data dir, or null when none is. */
export async function runningAppPid(file: string): Promise<number | null> {
  const read = await readControlFile(file);
  return read.ok && processAlive(read.value.pid) ? read.value.pid : null;
}
