// Plain-text rendering for people; --json output never goes through here.
import type { SyncRun } from '../../shared/domain';
import { relativeTime } from '../../shared/relative-time';
import type { View } from './names';
import { inert } from './terminal';
import { when } from './when';

export function table(rows: string[][], header: string[]): string {
  if (rows.length === 0) return '(none)';
  const all = [header, ...rows.map((r) => r.map(inert))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** A run for people: when it started in the user's zone, calendars by name (ids when no view is given). */
export function describeRun(run: SyncRun, view?: View): string {
  const secs = run.endedAt ? ((Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1) : '…';
  const counts = run.calendars.reduce((a, c) => ({ i: a.i + c.inserted, u: a.u + c.updated, d: a.d + c.deleted }), {
    i: 0,
    u: 0,
    d: 0,
  });
  const at = view ? ` ${when(run.startedAt, view.zone)}` : '';
  const head = `run ${run.id}${at} ${run.status} (${run.kind}, ${run.trigger}, ${secs}s): +${counts.i} added, ~${counts.u} changed, -${counts.d} removed`;
  const name = (id: string) => inert(view ? view.calendar(id) : id);
  const lines = run.calendars.map(
    (c) =>
      `  ${name(c.calendarId)}: ${c.status} ${c.kind} +${c.inserted} ~${c.updated} -${c.deleted}${c.skipped ? ` skipped ${c.skipped}` : ''}${c.error ? ` — ${inert(c.error)}` : ''}`,
  );
  const imports = (run.taskImports ?? []).flatMap((i) => [
    `  Google Tasks (${inert(i.accountId)}): ${i.status} ${i.kind} +${i.inserted} ~${i.updated} -${i.deleted}${i.error ? ` — ${inert(i.error)}` : ''}`,
    // Said in the run that decided it (a completion Google's side overruled), and in no other.
    ...(i.warnings ?? []).map((w) => `    note: ${inert(w)}`),
  ]);
  return [head, ...lines, ...imports, ...(run.error ? [`  error: ${inert(run.error)}`] : [])].join('\n');
}

/** How long ago, in the words the window and the tray use. */
export function ago(iso: string | null, now = Date.now()): string {
  return relativeTime(iso, now);
}
