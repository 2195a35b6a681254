// The user's settings, read from and written to config.json (DESIGN.md §7).
import type { Settings } from '../../../shared/domain';
import { mergeWorkingHours } from './working-hours';
import { AppError } from '../../../shared/errors';
import { issuesText } from '../../../shared/zod-issues';
import { settingsPatchSchema, type SettingsPatch } from '../../../shared/schemas';
import { loadConfigFile, updateConfigFile } from '../config/config-file';
import type { Logger } from '../log/logger';

export class SettingsService {
  private listeners = new Set<(s: Settings) => void>();

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  get(): Settings {
    return loadConfigFile(this.file).settings;
  }

  problems(): string[] {
    return loadConfigFile(this.file).problems;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new AppError('bad-input', issuesText(parsed.error, 'settings'));
    // googleTasks and workingHours may come as part of themselves: merge them with what is set now.
    const { googleTasks, workingHours, ...rest } = parsed.data;
    const current = googleTasks || workingHours ? this.get() : null;
    const write = {
      ...rest,
      ...(googleTasks ? { googleTasks: { ...current!.googleTasks, ...googleTasks } } : {}),
      ...(workingHours ? { workingHours: mergeWorkingHours(current!.workingHours, workingHours) } : {}),
    };
    const { backup } = await updateConfigFile(this.file, write);
    if (backup) this.log.warn(`config.json was not valid; it was kept as ${backup} and a new file was written`);
    const next = this.get();
    for (const l of this.listeners) l(next);
    return next;
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
