// `calsync supabase connect|login|logout|disconnect|status` and `calsync push` (DESIGN.md §4, §6).
import type { Command } from 'commander';
import type { OutboxStatus, PushResult, SupabaseDisconnectResult, SupabaseStatus } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { runAction } from '../command-runner';
import { EXIT } from '../../../shared/error-map';
import { ago } from '../format';
import { readLine, readSecretLine } from '../stdin';
import { inert, say } from '../terminal';

export function describeSupabase(s: SupabaseStatus): string {
  if (!s.configured) return 'Supabase: not connected (calsync supabase connect --url … --anon-key … --workspace …)';
  const o = s.outbox;
  return [
    `Supabase: ${inert(String(s.url))}, workspace ${inert(String(s.workspaceId))}${s.fromEnv.length ? ` (${s.fromEnv.join(', ')} from the environment, over config.json)` : ''}`,
    `signed in: ${s.user ? inert(s.user.email ?? s.user.id) : 'no — run `calsync supabase login --email <you>`'}`,
    `pending changes: ${o.pending}; last push ${ago(o.lastPushAt)}${o.lastError ? `; last error: ${inert(o.lastError)}` : ''}`,
    ...describeQuarantine(o),
  ].join('\n');
}

/** Changes the workspace refused as invalid: out of the queue, listed so someone can fix the event at Google. */
export function describeQuarantine(o: OutboxStatus): string[] {
  if (!o.quarantined) return [];
  return [
    `quarantined: ${o.quarantined} change(s) the workspace refused as invalid (the event is sent again when it changes):`,
    ...o.quarantine.map(
      (q) =>
        `  ${q.calendarId} ${q.eventId}${q.title !== null ? ` "${q.title.slice(0, 60)}"` : ''} (${q.op}, ${ago(q.at)}): ${q.error}`,
    ),
  ];
}

function describePush(r: PushResult): string {
  if (r.skipped) return r.skipped;
  const lines = [`pushed ${r.pushed} change(s); ${r.pending} pending${r.error ? ` — ${inert(r.error)}` : ''}`];
  if (r.quarantined)
    lines.push(
      `quarantined ${r.quarantined} change(s) the workspace refused as invalid (see \`calsync supabase status\`)`,
    );
  const c = r.reconciled;
  if (c) {
    lines.push(
      `reconciled ${c.calendars} calendar(s) with the workspace: ${c.queued} row(s) the cache no longer has queued for deletion` +
        (c.waiting ? `; ${c.waiting} calendar(s) are compared after their next sync` : ''),
    );
  }
  return lines.join('\n');
}

function describeDisconnect(r: SupabaseDisconnectResult): string {
  if (!r.wasConnected)
    return `Supabase was not connected; nothing to do.${r.signedOut ? ' Signed out of Supabase.' : ''}`;
  return [
    `Disconnected from the Supabase workspace: nothing is queued or pushed any more; ${r.dropped} queued change(s) dropped.`,
    r.signedOut
      ? 'Signed out of Supabase.'
      : 'Still signed in to Supabase (calsync supabase logout, or disconnect --logout, ends the session).',
    describeSupabase(r.status),
  ].join('\n');
}

export function registerSupabaseCommands(program: Command): void {
  const supabase = program.command('supabase').description('the Supabase workspace every change is pushed to');

  supabase
    .command('connect')
    .description(
      'save the project URL, its anon key and the workspace id (a service_role key is refused); queues the whole cache',
    )
    .requiredOption('--url <url>', 'project URL, e.g. https://abcd.supabase.co')
    .requiredOption('--anon-key <key>', 'the anon / publishable key (Project Settings → API)')
    .requiredOption('--workspace <id>', 'workspace id (UUID)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, opts: { url: string; anonKey: string; workspace: string }) => {
        const s = await app.api.supabaseConnect({ url: opts.url, anonKey: opts.anonKey, workspaceId: opts.workspace });
        return {
          json: s,
          text: `${describeSupabase(s)}${s.user ? '' : '\nNext: calsync supabase login --email <you>'}`,
        };
      }),
    );

  supabase
    .command('login')
    .description('sign in to Supabase as yourself: a password on stdin, or a code sent by email')
    .requiredOption('--email <email>', 'your Supabase account')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--code [code]', 'sign in with an emailed code: without a value, send one and read it from stdin')
    .option('--send-code', 'only send the code (then run again with --code <code>)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(
        async ({ app }, opts: { email: string; passwordStdin?: boolean; code?: string | true; sendCode?: boolean }) => {
          const ways = [opts.passwordStdin, opts.code !== undefined, opts.sendCode].filter(Boolean).length;
          if (ways !== 1)
            throw new AppError('bad-input', 'say how to sign in: --password-stdin, --code [code], or --send-code');
          if (opts.sendCode) {
            await app.api.supabaseSendCode({ email: opts.email });
            return {
              json: { sent: true },
              text: `Sent a sign-in code to ${opts.email}; run: calsync supabase login --email ${opts.email} --code <code>`,
            };
          }
          let s: SupabaseStatus;
          if (opts.passwordStdin) {
            s = await app.api.supabaseSignIn({ email: opts.email, password: await readSecretLine('Password: ') });
          } else {
            let code = opts.code;
            if (code === true) {
              await app.api.supabaseSendCode({ email: opts.email });
              code = await readLine(`Code sent to ${opts.email}. Code: `);
            }
            s = await app.api.supabaseVerifyCode({ email: opts.email, code: (code ?? '').trim() });
          }
          return { json: s, text: describeSupabase(s) };
        },
      ),
    );

  supabase
    .command('logout')
    .description("end this device's Supabase session (changes keep queuing)")
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const s = await app.api.supabaseSignOut({});
        return { json: s, text: 'Signed out of Supabase.' };
      }),
    );

  supabase
    .command('disconnect')
    .description(
      'forget the workspace: remove it from config.json, drop the queued changes, stop pushing (the rows already in Supabase stay)',
    )
    .option('--logout', "also end this device's Supabase session")
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, opts: { logout?: boolean }) => {
        const r = await app.api.supabaseDisconnect({ signOut: opts.logout === true });
        return { json: r, text: describeDisconnect(r) };
      }),
    );

  supabase
    .command('status')
    .description('connection, signed-in user and the outbox')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const s = await app.api.supabaseStatus({});
        return { json: s, text: describeSupabase(s) };
      }),
    );

  program
    .command('push')
    .description('drain the Supabase outbox now')
    .option(
      '--reconcile',
      'first compare the workspace with the cache and delete rows of events the cache no longer has (done by itself after connecting)',
    )
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app, json }, opts: { reconcile?: boolean }) => {
        const r = await app.api.push({ reconcile: opts.reconcile === true });
        if (r.skipped && json) say(process.stderr, `calsync: ${inert(r.skipped)}`);
        if (r.error) say(process.stderr, `calsync: push incomplete: ${inert(r.error)}`);
        return { json: r, text: describePush(r), exitCode: r.error ? EXIT.failure : EXIT.ok };
      }),
    );
}
