// `calsync mirror` (issue 17, DESIGN.md §6): busy-mirroring rules — list,
// add, remove. Calendars are named by id, or by name when unique.
import { InvalidArgumentError, type Command } from 'commander';
import type { MirrorRule } from '../../../shared/api';
import { runAction } from '../command-runner';
import { table } from '../format';
import { viewOf, type View } from '../names';
import { parsePositiveInt } from '../parse';
import { inert } from '../terminal';
import { when } from '../when';

function parseMinutes(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 240) throw new InvalidArgumentError('expected whole minutes 0–240');
  return n;
}

const lastResult = (r: MirrorRule) => {
  if (r.lastError) return `failed: ${r.lastError}`;
  if (!r.lastResult) return 'not run yet';
  const x = r.lastResult;
  const parts = [`+${x.inserted}`, `~${x.updated}`, `-${x.deleted}`];
  if (x.handEdited) parts.push(`${x.handEdited} edited by hand (left alone)`);
  return parts.join(' ');
};

function rules(list: MirrorRule[], view: View): string {
  if (list.length === 0) return 'no mirror rules; add one with `calsync mirror add --from <calendar> --to <calendar>`';
  return table(
    list.map((r) => [
      r.id,
      `${view.calendar(r.from)} (${r.fromAccount})`,
      `${view.calendar(r.to)} (${r.toAccount})`,
      String(r.mirrored),
      r.lastRunAt ? when(r.lastRunAt, view.zone, false) : '',
      lastResult(r),
    ]),
    ['id', 'from', 'to', 'mirrored', `last run (${view.zone})`, 'last result'],
  );
}

export function registerMirrorCommands(program: Command): void {
  const mirror = program
    .command('mirror')
    .description('busy mirroring: copy one calendar\'s busy time into another (as "Busy")');
  mirror.option('--json', 'print one JSON document').action(
    runAction(async ({ app }) => {
      const list = await app.api.listMirrorRules({});
      return { json: list, text: rules(list, await viewOf(app)) };
    }),
  );
  mirror
    .command('add')
    .description('mirror the busy time of --from into --to (from the next sync on)')
    .requiredOption('--from <calendar>', 'the calendar whose busy time is copied (id or name)')
    .requiredOption('--to <calendar>', 'the calendar that gets the "Busy" events (id or name; one you may edit)')
    .option('--show-title', 'use the original titles instead of "Busy"')
    .option('--buffer-before <min>', 'minutes of travel time before each event', parseMinutes)
    .option('--buffer-after <min>', 'minutes after each event', parseMinutes)
    .option('--horizon-days <n>', 'how far ahead to mirror (default 60)', parsePositiveInt)
    .option('--all-day', 'also mirror busy all-day events')
    .option('--json', 'print one JSON document')
    .action(
      runAction(
        async (
          { app },
          opts: {
            from: string;
            to: string;
            showTitle?: boolean;
            bufferBefore?: number;
            bufferAfter?: number;
            horizonDays?: number;
            allDay?: boolean;
          },
        ) => {
          const rule = await app.api.addMirrorRule({
            from: opts.from,
            to: opts.to,
            showTitle: opts.showTitle === true,
            allDay: opts.allDay === true,
            bufferBeforeMinutes: opts.bufferBefore,
            bufferAfterMinutes: opts.bufferAfter,
            horizonDays: opts.horizonDays,
          });
          const view = await viewOf(app);
          return {
            json: rule,
            text: `mirror ${rule.id}: ${inert(view.calendar(rule.from))} → ${inert(view.calendar(rule.to))}; it runs with the next sync`,
          };
        },
      ),
    );
  mirror
    .command('remove <id>')
    .description('remove a rule and delete its events at Google (keep them with --keep-events)')
    .option('--keep-events', 'leave the mirrored events in the target calendar')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string, opts: { keepEvents?: boolean }) => {
        const r = await app.api.removeMirrorRule({ id, keepEvents: opts.keepEvents === true });
        return {
          json: r,
          text: `mirror ${r.id} removed; ${r.deleted} mirrored events deleted${r.kept ? `, ${r.kept} kept` : ''}`,
        };
      }),
    );
}
