import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, updateConfigFile } from '../../../../src/main/core/config/config-file';
import { defaultSettings } from '../../../../src/main/core/config/defaults';
import { silentLogger } from '../../../../src/main/core/log/logger';
import { SettingsService } from '../../../../src/main/core/settings/settings-service';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

describe('config.json', () => {
  it('missing file → defaults, no problems', () => {
    expect(loadConfigFile(path.join(tmp(), 'config.json'))).toMatchObject({
      settings: defaultSettings(),
      problems: [],
    });
  });

  it('a bad value for one key keeps the good ones and says which key was wrong', () => {
    const file = path.join(tmp(), 'config.json');
    writeFileSync(
      file,
      JSON.stringify({ bufferMinutes: 5, timeZone: 'Not/AZone', workingHours: { mon: [['17:00', '09:00']] } }),
    );
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
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      supabase: { url: 'https://x.supabase.co' },
      bufferMinutes: 4,
    });
  });
});

describe('googleTasks settings', () => {
  it('are off by default; a hand-written partial object keeps the other key; a bad one falls back with a problem', () => {
    expect(defaultSettings().googleTasks).toEqual({ import: false, defaultDurationMinutes: 30 });
    const file = path.join(tmp(), 'config.json');
    writeFileSync(file, JSON.stringify({ googleTasks: { import: true } }));
    expect(loadConfigFile(file).settings.googleTasks).toEqual({ import: true, defaultDurationMinutes: 30 });
    writeFileSync(file, JSON.stringify({ googleTasks: { import: 'yes', defaultDurationMinutes: 5 } }));
    const bad = loadConfigFile(file);
    expect(bad.settings.googleTasks).toEqual({ import: false, defaultDurationMinutes: 30 });
    expect(bad.problems.join('\n')).toMatch(/"googleTasks" is invalid/);
  });

  it('a patch of one nested key keeps the other (SettingsService.update)', async () => {
    const file = path.join(tmp(), 'config.json');
    const svc = new SettingsService(file, silentLogger);
    await svc.update({ googleTasks: { defaultDurationMinutes: 50 } });
    expect((await svc.update({ googleTasks: { import: true } })).googleTasks).toEqual({
      import: true,
      defaultDurationMinutes: 50,
    });
    await expect(svc.update({ googleTasks: { defaultDurationMinutes: 14 } })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringContaining('googleTasks.defaultDurationMinutes'),
    });
    await expect(svc.update({ googleTasks: { import: true, extra: 1 } as never })).rejects.toMatchObject({
      code: 'bad-input',
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      googleTasks: { import: true, defaultDurationMinutes: 50 },
    });
  });
});
