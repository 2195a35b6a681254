import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, updateConfigFile } from '../../../../src/main/core/config/config-file';
import { defaultSettings } from '../../../../src/main/core/config/defaults';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

describe('config.json', () => {
  it('missing file → defaults, no problems', () => {
    expect(loadConfigFile(path.join(tmp(), 'config.json'))).toMatchObject({ settings: defaultSettings(), problems: [] });
  });

  it('a bad value for one key keeps the good ones and says which key was wrong', () => {
    const file = path.join(tmp(), 'config.json');
    writeFileSync(file, JSON.stringify({ bufferMinutes: 5, timeZone: 'Not/AZone', workingHours: { mon: [['17:00', '09:00']] } }));
    const c = loadConfigFile(file);
    expect(c.settings.bufferMinutes).toBe(5);
    expect(c.settings.timeZone).toBe(defaultSettings().timeZone);
    expect(c.problems.join('\n')).toMatch(/"timeZone" is invalid/);
    expect(c.problems.join('\n')).toMatch(/"workingHours" is invalid/);
  });

  it('a corrupt file is reported, and kept as a backup when new settings are written', async () => {
    const dir = tmp();
    const file = path.join(dir, 'config.json');
    writeFileSync(file, '{"bufferMinutes": 5,,, oops');
    expect(loadConfigFile(file).problems[0]).toMatch(/could not be read/);
    const { backup } = await updateConfigFile(file, { horizonDays: 7 });
    expect(backup && existsSync(backup)).toBe(true);
    expect(readFileSync(backup!, 'utf8')).toContain('oops');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ horizonDays: 7 });
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('an update keeps keys it does not touch', async () => {
    const file = path.join(tmp(), 'config.json');
    writeFileSync(file, JSON.stringify({ supabase: { url: 'https://x.supabase.co' }, bufferMinutes: 3 }));
    await updateConfigFile(file, { bufferMinutes: 4 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ supabase: { url: 'https://x.supabase.co' }, bufferMinutes: 4 });
  });
});
