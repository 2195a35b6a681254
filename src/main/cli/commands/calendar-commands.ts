import type { Command } from 'commander';
import type { CachedEvent } from '../../../shared/domain';
import { runAction } from '../command-runner';
import { table } from '../format';
import { inert } from '../terminal';

export function registerCalendarCommands(program: Command): void {
  const calendars = program.command('calendars').description('calendars of all accounts, whether they sync and whether they block my time');
  calendars
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const list = await app.api.listCalendars({});
        return {
          json: list,
          text: table(
            list.map((c) => [c.enabled ? 'on' : 'off', c.blocksTime ? 'busy' : 'free', c.account, c.summary, c.id, c.accessRole]),
            ['sync', 'blocks', 'account', 'calendar', 'id', 'role'],
          ),
        };
      }),
    );
  for (const verb of ['enable', 'disable'] as const) {
    calendars
      .command(`${verb} <id>`)
      .description(verb === 'enable' ? 'sync this calendar' : 'stop syncing this calendar and drop its cached events')
      .option('--account <account>', 'account id, when the calendar belongs to several')
      .option('--json', 'print one JSON document')
      .action(
        runAction(async ({ app }, id: string, opts: { account?: string }) => {
          const accountId = opts.account ? (app.store.accounts.find(opts.account)?.id ?? opts.account) : undefined;
          const cal = await app.api.setCalendarEnabled({ calendarId: id, accountId, enabled: verb === 'enable' });
          return { json: cal, text: `${inert(cal.summary)}: ${cal.enabled ? 'syncing' : 'not syncing'}` };
        }),
      );
  }

  for (const verb of ['busy', 'free'] as const) {
    calendars
      .command(`${verb} <id>`)
      .description(verb === 'busy' ? "this calendar's events block my time for the planner" : "the planner ignores this calendar's events (they stay synced)")
      .option('--account <account>', 'account id, when the calendar belongs to several')
      .option('--json', 'print one JSON document')
      .action(
        runAction(async ({ app }, id: string, opts: { account?: string }) => {
          const accountId = opts.account ? (app.store.accounts.find(opts.account)?.id ?? opts.account) : undefined;
          const cal = await app.api.setCalendarBlocksTime({ calendarId: id, accountId, blocksTime: verb === 'busy' });
          return { json: cal, text: `${cal.summary}: ${cal.blocksTime ? 'blocks my time' : 'does not block my time'}` };
        }),
      );
  }

  program
    .command('events')
    .description('cached events')
    .option('--calendar <id>', 'only this calendar')
    .option('--from <iso>', 'events ending after this instant')
    .option('--to <iso>', 'events starting before this instant')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, opts: { calendar?: string; from?: string; to?: string }) => {
        const events = await app.api.listEvents({ calendarId: opts.calendar, from: opts.from, to: opts.to });
        return { json: events, text: table(events.map(eventRow), ['when', 'title', 'calendar']) };
      }),
    );
}

function eventRow(e: CachedEvent): string[] {
  const when = e.allDay ? `${e.startDate} (all day)` : `${e.start} → ${e.end}`;
  return [when, inert(e.title).slice(0, 80), e.calendarId];
}
