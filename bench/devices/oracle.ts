// The oracle: the newest version of every event, as the fake Google holds it,
// against the workspace's rows — written independently of the engine's row
// mapping (tests/helpers/workspace.ts reads the rows the same way the
// two-device test does).
import type { FakeGoogle, GoogleEvent } from '../../tests/fakes/google';
import type { SupabaseShim } from '../../tests/fakes/supabase';
import { workspaceKeyCounts, workspaceView, type Workspace } from '../../tests/helpers/workspace';

export interface Comparison {
  /** Events Google has whose newest version the workspace lacks (missing, or an older version). */
  lost: number;
  /** Live workspace rows Google deleted, or rows at Google's version with other content. */
  stale: number;
  /** Rows beyond one per (calendar, event), tombstones included. */
  duplicates: number;
  googleEvents: number;
  examples: string[];
}

const when = (t: GoogleEvent['start'], allDay: boolean) => (allDay ? t!.date! : new Date(t!.dateTime!).toISOString());

/** "calendar | id | title | start | end | transparency | series | version", as workspaceView prints a row. */
export function googleLines(google: FakeGoogle, calendars: string[]): string[] {
  const out: string[] = [];
  for (const cal of calendars)
    for (const e of google.liveEvents(cal)) {
      const allDay = Boolean(e.start?.date);
      out.push(
        [
          cal,
          e.id,
          e.summary ?? '',
          when(e.start, allDay),
          when(e.end, allDay),
          e.transparency ?? 'opaque',
          e.recurringEventId ?? '',
          new Date(e.updated!).toISOString(),
        ].join(' | '),
      );
    }
  return out;
}

const byKey = (lines: string[]) => {
  const m = new Map<string, { line: string; version: string }>();
  for (const line of lines) {
    const f = line.split(' | ');
    m.set(`${f[0]}\u0000${f[1]}`, { line, version: f[f.length - 1]! });
  }
  return m;
};

export async function compareWorkspace(
  google: FakeGoogle,
  shim: SupabaseShim,
  wsId: string,
  calendars: string[],
): Promise<Comparison> {
  const ws = { shim, wsId } as Workspace;
  const want = byKey(googleLines(google, calendars));
  const have = byKey(await workspaceView(ws));
  const { rows, keys } = await workspaceKeyCounts(ws);
  const examples: string[] = [];
  let lost = 0;
  let stale = 0;
  for (const [key, g] of want) {
    const w = have.get(key);
    if (!w || w.version < g.version) {
      lost++;
      if (examples.length < 5) examples.push(`lost: google ${g.line} / workspace ${w?.line ?? '(none)'}`);
    } else if (w.line !== g.line) {
      stale++;
      if (examples.length < 5) examples.push(`differs: google ${g.line} / workspace ${w.line}`);
    }
  }
  for (const [key, w] of have)
    if (!want.has(key)) {
      stale++;
      if (examples.length < 5) examples.push(`deleted at Google, live in the workspace: ${w.line}`);
    }
  return { lost, stale, duplicates: rows - keys, googleEvents: want.size, examples };
}

/** Whether the workspace holds exactly Google's newest version of everything. */
export async function converged(
  google: FakeGoogle,
  shim: SupabaseShim,
  wsId: string,
  calendars: string[],
): Promise<boolean> {
  const c = await compareWorkspace(google, shim, wsId, calendars);
  return c.lost + c.stale + c.duplicates === 0;
}
