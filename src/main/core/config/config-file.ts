// config.json in the data dir: the user's settings plus connection details.
// A bad value for one key never discards the others, and a corrupt file is
// moved aside (never silently overwritten) before a new one is written.
import { promises as fs, readFileSync } from 'node:fs';
import * as z from 'zod';
import type { Settings } from '../../../shared/domain';
import { settingsSchema, type SettingsPatch } from '../../../shared/schemas';
import { defaultSettings } from './defaults';
import { writePrivateFileAtomic } from './private-files';

export const connectionSchema = z.object({
  google: z
    .object({
      clientId: z.string().min(1).optional(),
      clientSecret: z.string().optional(),
      refreshTokenLifetimeDays: z.number().int().min(1).max(365).optional(),
    })
    .strict()
    .optional(),
  supabase: z
    .object({ url: z.url().optional(), anonKey: z.string().min(1).optional(), workspaceId: z.uuid().optional() })
    .strict()
    .optional(),
  tokenStore: z.enum(['auto', 'file']).optional(),
  deviceName: z.string().min(1).max(200).optional(),
});
export type ConnectionConfig = z.infer<typeof connectionSchema>;

export interface LoadedConfig {
  settings: Settings;
  connection: ConnectionConfig;
  /** Sentences for people about what was wrong with the file; defaults were used there. */
  problems: string[];
}

export function loadConfigFile(file: string): LoadedConfig {
  const settings = defaultSettings();
  const problems: string[] = [];
  let raw: Record<string, unknown> = {};
  try {
    raw = parseObject(readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      problems.push(
        `${file} could not be read (${(e as Error).message}); using default settings. Fix it, or run \`calsync config set\` to write a new one (the old file is kept as a backup).`,
      );
    }
  }
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as Array<keyof Settings>) {
    if (!(key in raw)) continue;
    // A nested setting written by hand may name only some of its keys: the rest keep their defaults.
    const value = key === 'googleTasks' && isObject(raw[key]) ? { ...settings.googleTasks, ...raw[key] } : raw[key];
    const parsed = shape[key].safeParse(value);
    if (parsed.success) (settings as unknown as Record<string, unknown>)[key] = parsed.data;
    else
      problems.push(
        `config.json: "${key}" is invalid (${z.prettifyError(parsed.error).replace(/\n/g, ' ')}); using the default.`,
      );
  }
  const conn = connectionSchema.safeParse({
    google: raw.google,
    supabase: raw.supabase,
    tokenStore: raw.tokenStore,
    deviceName: raw.deviceName,
  });
  if (!conn.success)
    problems.push(
      `config.json: connection settings are invalid (${z.prettifyError(conn.error).replace(/\n/g, ' ')}); ignoring them.`,
    );
  return { settings, connection: conn.success ? conn.data : {}, problems };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseObject(text: string): Record<string, unknown> {
  const v: unknown = JSON.parse(text);
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('the file does not hold a JSON object');
  return v as Record<string, unknown>;
}

/** Writes validated keys, keeping every other key of the file as it was. */
export async function updateConfigFile(
  file: string,
  patch: SettingsPatch | Partial<ConnectionConfig>,
): Promise<{ backup: string | null }> {
  let current: Record<string, unknown> = {};
  let backup: string | null = null;
  try {
    current = parseObject(await fs.readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(file, backup);
    }
  }
  const next = { ...current, ...patch };
  await writePrivateFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
  return { backup };
}
