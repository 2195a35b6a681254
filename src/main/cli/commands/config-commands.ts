import type { Command } from 'commander';
import type { Settings } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { NESTED_SETTING_KEYS, SETTING_KEYS } from '../../../shared/schemas';
import { describeWeek } from '../../core/settings/working-hours';
import { runAction } from '../command-runner';
import { parseJsonOrString } from '../parse';

/** A top-level key ("timeZone") or one inside a nested setting ("googleTasks.import"). */
function checkKey(key: string): { top: keyof Settings; sub: string | null } {
  if ((SETTING_KEYS as string[]).includes(key)) return { top: key as keyof Settings, sub: null };
  if (NESTED_SETTING_KEYS.includes(key)) {
    const [top, sub] = key.split('.') as [keyof Settings, string];
    return { top, sub };
  }
  throw new AppError(
    'bad-input',
    `unknown setting "${key}"; known: ${[...SETTING_KEYS, ...NESTED_SETTING_KEYS].join(', ')}`,
  );
}

const pick = (settings: Settings, k: { top: keyof Settings; sub: string | null }): unknown =>
  k.sub === null ? settings[k.top] : (settings[k.top] as unknown as Record<string, unknown>)[k.sub];

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('settings in config.json');
  config
    .command('get [key]')
    .description('show all settings, or one')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, key: string | undefined) => {
        const settings = await app.api.getSettings({});
        const value = key ? pick(settings, checkKey(key)) : settings;
        return { json: value, text: JSON.stringify(value, null, 2) };
      }),
    );
  config
    .command('set <key> <json>')
    .description(
      'change one setting (the value is JSON; a bare word is taken as a string); nested keys as googleTasks.import',
    )
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, key: string, value: string) => {
        const k = checkKey(key);
        const parsed = parseJsonOrString(value);
        const settings = await app.api.updateSettings({ [k.top]: k.sub === null ? parsed : { [k.sub]: parsed } });
        // A workingHours patch names only some days: show the whole week it leaves, so nothing changes unseen.
        const text =
          k.top === 'workingHours'
            ? `workingHours (days not named keep their hours):\n${describeWeek(settings.workingHours)}`
            : `${key} = ${JSON.stringify(pick(settings, k))}`;
        return { json: settings, text };
      }),
    );
}
