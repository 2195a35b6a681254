import type { Command } from 'commander';
import type { Settings } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { SETTING_KEYS } from '../../../shared/schemas';
import { runAction } from '../command-runner';
import { parseJsonOrString } from '../parse';

function checkKey(key: string): keyof Settings {
  if (!(SETTING_KEYS as string[]).includes(key)) throw new AppError('bad-input', `unknown setting "${key}"; known: ${SETTING_KEYS.join(', ')}`);
  return key as keyof Settings;
}

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('settings in config.json');
  config
    .command('get [key]')
    .description('show all settings, or one')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, key: string | undefined) => {
        const settings = await app.api.getSettings({});
        const value = key ? settings[checkKey(key)] : settings;
        return { json: value, text: JSON.stringify(value, null, 2) };
      }),
    );
  config
    .command('set <key> <json>')
    .description('change one setting (the value is JSON; a bare word is taken as a string)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, key: string, value: string) => {
        const k = checkKey(key);
        const settings = await app.api.updateSettings({ [k]: parseJsonOrString(value) });
        return { json: settings, text: `${k} = ${JSON.stringify(settings[k])}` };
      }),
    );
}
