// The first page's data, asked for while the window starts. Otherwise the page
// asks only once React has drawn the shell, the settings have come back with
// the user's zone and the page has mounted: a round trip and a render later.
// Measured with bench/ui.ts, that wait was a fifth of the Plan page's first
// render under load.
//
// Each early answer is handed to the first call with the very same operation
// and input (as JSON), once (a call started twice early answers two), and only
// while it is fresh; an engine event
// (a run, a decision) drops them all, so a page never shows data from before a
// change it was not yet listening for. Any other call goes to the engine as before.
import type { EngineEvent } from '../../shared/api';
import { pageOfHash } from '../page-of-hash';
import type { BridgeInput, BridgeOp } from '../../shared/bridge';
import { addDaysIn, weekStartIn } from '../format/time';
import type { ApiClient } from './api-client';

export type EarlyCall = { [K in BridgeOp]: { op: K; input: BridgeInput<K> } }[BridgeOp];

/** What the Plan page asks for a week (use-plan-data.ts): one builder, so an early call matches it exactly. */
export function weekEventsInput(weekStart: number, weekEnd: number): BridgeInput<'listEvents'> {
  return { from: new Date(weekStart).toISOString(), to: new Date(weekEnd).toISOString(), limit: 20_000 };
}

/** The Activity page's first page of the log (use-run-log.ts). */
export const RUN_PAGE = 500;

/**
 * The calls the page at `hash` makes first. The week depends on the user's zone, known early only when
 * this browser has seen the settings before (`knownZone`); without it the week waits for the settings.
 */
export function firstCalls(hash: string, now: number, knownZone: string | null): EarlyCall[] {
  const page = pageOfHash(hash);
  const calls: EarlyCall[] = [{ op: 'getSettings', input: {} }];
  if (page === 'plan') {
    if (knownZone) {
      const start = weekStartIn(now, knownZone);
      calls.push({ op: 'listEvents', input: weekEventsInput(start, addDaysIn(start, 7, knownZone)) });
    }
    calls.push({ op: 'listProposals', input: { status: 'all' } }, { op: 'listTasks', input: { status: 'all' } });
  } else if (page === 'activity') {
    calls.push({ op: 'listRuns', input: { limit: RUN_PAGE } }, { op: 'listCalendars', input: {} });
  } else if (page === 'status') {
    // Twice: the header's demo badge and the page each ask for the status as they mount.
    calls.push({ op: 'status', input: {} }, { op: 'status', input: {} });
  }
  return calls;
}

const keyOf = (op: string, input: unknown) => `${op}\u0000${JSON.stringify(input ?? {})}`;

/** `client`, with `calls` started now and handed to the first identical call within `maxAgeMs`. */
export function withEarlyCalls(
  client: ApiClient,
  calls: EarlyCall[],
  opts: { maxAgeMs?: number; now?: () => number } = {},
): ApiClient {
  const maxAge = opts.maxAgeMs ?? 3000;
  const now = opts.now ?? (() => performance.now());
  const started = now();
  // Per call, the answers not yet handed out, oldest first (the same call may be started more than once).
  const early = new Map<string, Promise<unknown>[]>();
  for (const c of calls) {
    const key = keyOf(c.op, c.input);
    early.set(key, [...(early.get(key) ?? []), client.call(c.op, c.input as never)]);
  }
  let unsubscribe: (() => void) | null = null;
  const dropAll = () => {
    early.clear();
    unsubscribe?.();
    unsubscribe = null;
  };
  if (early.size > 0)
    unsubscribe = client.subscribe((e: EngineEvent) => {
      if (e.type !== 'sync-progress') dropAll();
    });
  const call: ApiClient['call'] = (op, input) => {
    if (early.size > 0) {
      const key = keyOf(op, input);
      const answers = early.get(key);
      if (answers && now() - started <= maxAge) {
        const answer = answers.shift()!;
        if (answers.length === 0) early.delete(key);
        if (early.size === 0) dropAll();
        return answer as ReturnType<typeof client.call<typeof op>>;
      }
      if (now() - started > maxAge) dropAll();
    }
    return client.call(op, input);
  };
  return { ...client, call };
}
