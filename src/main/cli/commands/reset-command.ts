// `calsync reset --all`: uninstall's last step. Signs every account out at
// Google (the refresh token revoked at the server that issued it, the
// revocation endpoint of the configured OAuth client), ends the Supabase
// session, then deletes the whole data dir (cache, config.json, the token
// file, logs) and the Linux autostart entry. Asks first on a terminal; refuses
// without --yes when nobody can answer. The rows already in a Supabase
// workspace stay: they belong to the workspace, not to this machine.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, toErrorData } from '../../../shared/errors';
import { AUTOSTART_FILE, autostartDir } from '../../core/config/autostart-linux';
import { runAction } from '../command-runner';
import { readLine } from '../stdin';
import { inert } from '../terminal';

export interface ResetResult {
  dataDir: string;
  accounts: Array<{ email: string; revoked: boolean; error: string | null }>;
  supabaseSignedOut: boolean;
  dataDirRemoved: boolean;
  autostartRemoved: boolean;
}

/** Asked before anything changes; true only for an explicit yes. */
async function confirm(dataDir: string, emails: string[]): Promise<boolean> {
  const who = emails.length ? `sign out ${emails.join(', ')} at Google and ` : '';
  const answer = await readLine(
    `This will ${who}delete everything calsync keeps in ${dataDir} (cache, settings, tokens, logs) and its autostart entry.\nType "yes" to go on: `,
  );
  return answer.trim().toLowerCase() === 'yes';
}

export function registerResetCommand(program: Command): void {
  program
    .command('reset')
    .description(
      'delete all local data: sign out at Google (tokens revoked), remove the cache, settings, tokens, logs and the autostart entry',
    )
    .requiredOption('--all', 'everything (required: there is no partial reset)')
    .option('--yes', 'do not ask (needed when stdin is not a terminal)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, opts: { all: boolean; yes?: boolean }) => {
        const dataDir = app.config.paths.dir;
        const records = app.store.accounts.list();
        if (!opts.yes) {
          if (!process.stdin.isTTY)
            throw new AppError(
              'bad-input',
              'reset --all deletes every local file of calsync; without a terminal to ask, add --yes',
            );
          if (
            !(await confirm(
              dataDir,
              records.map((r) => r.email),
            ))
          )
            throw new AppError('bad-input', 'reset cancelled; nothing was deleted');
        }
        const accounts: ResetResult['accounts'] = [];
        for (const r of records) {
          try {
            // logout revokes the refresh token at Google and forgets it locally; a revocation Google
            // did not confirm is logged and the local tokens go anyway.
            await app.accounts.logout(r.id, false);
            accounts.push({ email: r.email, revoked: true, error: null });
          } catch (e) {
            accounts.push({ email: r.email, revoked: false, error: toErrorData(e).message });
          }
        }
        let supabaseSignedOut = false;
        const supabase = await app.api.supabaseStatus({});
        if (supabase.user) {
          await app.api.supabaseSignOut({});
          supabaseSignedOut = true;
        }
        // The cache is open: close the engine before its files go (closing twice is harmless).
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
        const autostart = path.join(autostartDir(), AUTOSTART_FILE);
        const autostartRemoved = process.platform === 'linux' && existsSync(autostart);
        if (autostartRemoved) rmSync(autostart, { force: true });
        const result: ResetResult = {
          dataDir,
          accounts,
          supabaseSignedOut,
          dataDirRemoved: !existsSync(dataDir),
          autostartRemoved,
        };
        return { json: result, text: describeReset(result) };
      }),
    );
}

function describeReset(r: ResetResult): string {
  const lines = r.accounts.map((a) =>
    a.revoked
      ? `signed out ${inert(a.email)} (access revoked at Google)`
      : `${inert(a.email)}: not confirmed by Google (${inert(a.error ?? '')}); revoke it at https://myaccount.google.com/permissions`,
  );
  if (r.supabaseSignedOut) lines.push('signed out of Supabase (the rows in the workspace stay)');
  lines.push(
    r.dataDirRemoved ? `deleted ${inert(r.dataDir)}` : `could not delete all of ${inert(r.dataDir)}; remove it by hand`,
  );
  if (r.autostartRemoved) lines.push('removed the autostart entry');
  else if (process.platform !== 'linux')
    lines.push('on macOS and Windows, turn off "Launch at login" in the tray menu before removing the app');
  lines.push('calsync has no local data left. Remove the app (or the checkout) to finish uninstalling.');
  return lines.join('\n');
}
