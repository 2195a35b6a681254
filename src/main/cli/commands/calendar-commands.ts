import type { Command } from 'commander';
import type { CachedEvent, CalendarInfo } from '../../../shared/domain';
import type { CalsyncApp as App } from '../../core/app';
import { runAction } from '../command-runner';
import { parseDateArg, resolveDateArg, type DateArg } from '../date-args';
import { table } from '../format';
import { viewOf, type View } from '../names';
import { inert } from '../terminal';
import { allDay, span, whenHeader } from '../when';

type CalendarRef = { calendarId: string; accountId: string | undefined };

export function registerCalendarCommands(program: Command): void {
  const calendars = program
    .command('calendars')
    .description('calendars of all accounts, whether they sync and whether they block my time');
  calendars.option('--json', 'print one JSON document').action(
    runAction(async ({ app }) => {
      const list = await app.api.listCalendars({});
      return {
        json: list,
        text: table(
          list.map((c) => [
            c.enabled ? 'on' : 'off',
            c.blocksTime ? 'busy' : 'free',
            c.account,
            c.summary,
            c.id,
            c.accessRole,
          ]),
          ['sync', 'blocks', 'account', 'calendar', 'id', 'role'],
        ),
      };
    }),
  );
  // One shape for the four switches of a calendar: whether it syncs, whether it blocks my time.
  const switches = [
    {
      verb: 'enable',
      about: 'sync this calendar',
      set: (app: App, c: CalendarRef) => app.api.setCalendarEnabled({ ...c, enabled: true }),
      say: (cal: CalendarInfo) => (cal.enabled ? 'syncing' : 'not syncing'),
    },
    {
      verb: 'disable',
      about: 'stop syncing this calendar and drop its cached events',
      set: (app: App, c: CalendarRef) => app.api.setCalendarEnabled({ ...c, enabled: false }),
      say: (cal: CalendarInfo) => (cal.enabled ? 'syncing' : 'not syncing'),
    },
    {
      verb: 'busy',
      about: "this calendar's events block my time for the planner",
      set: (app: App, c: CalendarRef) => app.api.setCalendarBlocksTime({ ...c, blocksTime: true }),
      say: (cal: CalendarInfo) => (cal.blocksTime ? 'blocks my time' : 'does not block my time'),
    },
    {
      verb: 'free',
      about: "the planner ignores this calendar's events (they stay synced)",
      set: (app: App, c: CalendarRef) => app.api.setCalendarBlocksTime({ ...c, blocksTime: false }),
      say: (cal: CalendarInfo) => (cal.blocksTime ? 'blocks my time' : 'does not block my time'),
    },
  ];
  for (const { verb, about, set, say } of switches) {
    calendars
      .command(`${verb} <id>`)
      .description(about)
      .option('--account <account>', 'account id, when the calendar belongs to several')
      .option('--json', 'print one JSON document')
      .action(
        runAction(async ({ app }, id: string, opts: { account?: string }) => {
          const accountId = opts.account ? (app.store.accounts.find(opts.account)?.id ?? opts.account) : undefined;
          const cal = await set(app, { calendarId: id, accountId });
          return { json: cal, text: `${inert(cal.summary)}: ${say(cal)}` };
        }),
      );
  }

  program
    .command('events')
    .description('cached events')
    .option('--calendar <id>', 'only this calendar')
    .option(
      '--from <date>',
      'events ending after this day or time (2026-12-01, 2026-12-01T09:00 in your zone, or an ISO instant)',
      parseDateArg,
    )
    .option('--to <date>', 'events starting before this time; a plain day counts to its end', parseDateArg)
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, opts: { calendar?: string; from?: DateArg; to?: DateArg }) => {
        const view = await viewOf(app);
        const events = await app.api.listEvents({
          calendarId: opts.calendar,
          from: resolveDateArg(opts.from, view.zone, 'start'),
          to: resolveDateArg(opts.to, view.zone, 'end'),
        });
        return {
          json: events,
          text: table(
            events.map((e) => eventRow(e, view)),
            [whenHeader(view.zone), 'title', 'calendar'],
          ),
        };
      }),
    );
}

function eventRow(e: CachedEvent, view: View): string[] {
  const when =
    e.allDay && e.startDate
      ? allDay(e.startDate, e.endDate)
      : e.start && e.end
        ? span(e.start, e.end, view.zone, false)
        : '';
  return [when, inert(e.title).slice(0, 80), view.calendar(e.calendarId)];
}
