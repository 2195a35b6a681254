import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import { ErrorNotice, Loading } from '../../components/notices';
import { SkipLink } from '../../components/skip-link';
import { useMedia } from '../../hooks/use-media';
import { addDaysIn, formatDay, weekStartIn } from '../../format/time';
import { useZone } from '../../format/zone-context';
import { toWallClock } from '../../format/time';
import { AcceptAll } from './accept-all';
import { blockTitle, createEventItemMemo, createProposalItemMemo, type WeekItem } from './plan-items';
import { ConsentRequest } from './consent-request';
import { PlanNotes } from './plan-notes';
import { ProposalList } from './proposal-list';
import { SelectedEvent } from './selected-event';
import { usePlanData } from './use-plan-data';
import { useDecisions } from './use-decisions';
import { WeekCalendar, type Placement } from './week-calendar';
import { useSecondZone, ZoneBar } from './zone-bar';

// Compared as a string: the code is new in the contract and older engines never send it.
const needsConsent = (e: AppErrorData | null) => (e?.code as string | undefined) === 'needs-consent';

export function PlanPage() {
  const zone = useZone();
  const [weekStart, setWeekStart] = useState(() => weekStartIn(Date.now(), zone));
  // Below ~700 px the week would scroll sideways: one day at a time instead, from the same week's data.
  const narrow = useMedia('(max-width: 700px)');
  const [dayIndex, setDayIndex] = useState(() => todayIndex(weekStart, zone));
  const stepDay = (by: 1 | -1) => {
    const next = dayIndex + by;
    if (next >= 0 && next <= 6) return setDayIndex(next);
    setWeekStart(addDaysIn(weekStart, 7 * by, zone));
    setDayIndex(by > 0 ? 0 : 6);
  };
  const showWeek = (start: number, day: number) => {
    setWeekStart(start);
    setDayIndex(day);
  };
  const weekEnd = addDaysIn(weekStart, 7, zone);
  const data = usePlanData(weekStart, weekEnd);
  const [selected, setSelected] = useState<WeekItem | null>(null);
  const [secondZone, setSecondZone] = useSecondZone();
  const reloadEvents = data.events.reload;
  const reloadProposals = data.proposals.reload;
  const reloadAll = useCallback(() => {
    reloadProposals();
    reloadEvents();
  }, [reloadEvents, reloadProposals]);

  const tasks = useMemo(() => new Map((data.tasks.value ?? []).map((t) => [t.id, t])), [data.tasks.value]);
  const habits = useMemo(() => new Map((data.habits.value ?? []).map((h) => [h.id, h])), [data.habits.value]);
  // Mapped once per load of the week (and kept per event across reloads), not on every decision or re-plan.
  const [eventMemo] = useState(createEventItemMemo);
  const weekEvents = useMemo(() => eventMemo(data.events.value ?? [], zone), [eventMemo, data.events.value, zone]);
  // Kept as they were when a reload or a re-plan brings the same blocks (see createProposalItemMemo).
  const [proposalMemo] = useState(createProposalItemMemo);
  const blocks = useMemo(
    () => proposalMemo(data.proposals.value ?? [], tasks, zone, habits),
    [proposalMemo, data.proposals.value, tasks, zone, habits],
  );
  const items = useMemo(() => [...weekEvents, ...blocks], [weekEvents, blocks]);
  const weekDate = useMemo(() => toWallClock(weekStart, zone), [weekStart, zone]);
  const dayDate = useMemo(
    () => (narrow ? toWallClock(addDaysIn(weekStart, dayIndex, zone), zone) : null),
    [narrow, weekStart, dayIndex, zone],
  );

  const decisions = useDecisions(reloadAll);
  const titleOf = (id: string) => {
    const p = (data.proposals.value ?? []).find((x) => x.id === id);
    return p ? blockTitle(p, tasks, habits) : 'the block';
  };
  const actions = {
    accept: (id: string) => decisions.accept(id, titleOf(id)),
    reject: (id: string) => decisions.reject(id, titleOf(id)),
    move: decisions.move,
    busy: decisions.busy,
    error: needsConsent(decisions.error) ? null : decisions.error,
  };
  // Stable, so the memoised week does not redraw when only the page's own state changes.
  const place = useRef(decisions.place);
  useEffect(() => {
    place.current = decisions.place;
  });
  const onPlace = useCallback((p: Placement) => {
    // Dropped where it already was: nothing to decide.
    if (p.start === p.item.proposal.start && p.end === p.item.proposal.end) return;
    place.current(p.item.proposal.id, p.item.title, p.start, p.end);
  }, []);
  const pending = (data.proposals.value ?? []).filter((p) => p.status === 'proposed').length;

  return (
    <div className="plan">
      <SkipLink target="proposals">Skip to proposals</SkipLink>
      <div className="toolbar" role="toolbar" aria-label="Week">
        {narrow ? (
          <>
            <button type="button" className="secondary" onClick={() => stepDay(-1)}>
              ← Previous day
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                const start = weekStartIn(Date.now(), zone);
                showWeek(start, todayIndex(start, zone));
              }}
            >
              Today
            </button>
            <button type="button" className="secondary" onClick={() => stepDay(1)}>
              Next day →
            </button>
          </>
        ) : (
          <>
            <button type="button" className="secondary" onClick={() => setWeekStart(addDaysIn(weekStart, -7, zone))}>
              ← Previous week
            </button>
            <button type="button" className="secondary" onClick={() => setWeekStart(weekStartIn(Date.now(), zone))}>
              This week
            </button>
            <button type="button" className="secondary" onClick={() => setWeekStart(addDaysIn(weekStart, 7, zone))}>
              Next week →
            </button>
          </>
        )}
        <h2 className="week-title" aria-live="polite">
          {narrow
            ? formatDay(addDaysIn(weekStart, dayIndex, zone), zone)
            : `${formatDay(weekStart, zone)} – ${formatDay(addDaysIn(weekStart, 6, zone), zone)}`}
        </h2>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={() => void data.replan()} disabled={data.planning}>
          {data.planning ? 'Planning…' : 'Plan again'}
        </button>
        {decisions.last && (
          <button
            type="button"
            className="secondary"
            onClick={decisions.undo}
            disabled={decisions.busy}
            data-testid="undo"
            aria-label={`Undo: ${decisions.last.label}`}
          >
            Undo
          </button>
        )}
        <AcceptAll pending={pending} disabled={decisions.busy} onAccept={decisions.acceptAll} />
      </div>
      <ZoneBar zone={zone} secondZone={secondZone} onSecondZone={setSecondZone} />
      <div className="legend" aria-hidden="true">
        <span className="key item-busy">Busy</span> <span className="key item-free">Free / declined</span>{' '}
        <span className="key item-proposal item-proposed">Proposed</span>{' '}
        <span className="key item-proposal item-accepted">Accepted</span>{' '}
        <span className="key item-proposal item-conflict">Conflict</span>{' '}
        <span className="key item-proposal item-proposed item-habit">Habit</span>
      </div>
      <div className="plan-body">
        <div className="plan-week">
          {decisions.refusal && (
            <div className="notice warning row" role="alert" data-testid="drop-refused">
              <span>{decisions.refusal.message}</span>
              <button type="button" className="secondary" onClick={decisions.dismissRefusal}>
                Dismiss
              </button>
            </div>
          )}
          {data.events.state === 'error' && (
            <ErrorNotice
              error={data.events.error}
              onRetry={data.events.reload}
              title="Could not load this week's events"
            />
          )}
          {data.events.value === null && data.events.state === 'loading' ? (
            <Loading what="the week" />
          ) : (
            <WeekCalendar
              weekStart={weekDate}
              day={dayDate}
              items={items}
              zone={zone}
              secondZone={secondZone}
              onSelect={setSelected}
              onPlace={onPlace}
            />
          )}
        </div>
        <aside className="plan-side" aria-label="Plan review">
          {selected?.kind === 'event' && <SelectedEvent item={selected} onClose={() => setSelected(null)} />}
          <h2 id="proposals" tabIndex={-1}>
            Blocks
          </h2>
          {decisions.error && needsConsent(decisions.error) && <ConsentRequest error={decisions.error} />}
          {data.proposals.state === 'error' ? (
            <ErrorNotice
              error={data.proposals.error}
              onRetry={data.proposals.reload}
              title="Could not load the proposals"
            />
          ) : data.proposals.value === null ? (
            <Loading what="proposals" />
          ) : (
            <ProposalList
              proposals={data.proposals.value}
              tasks={tasks}
              habits={habits}
              selected={selected?.kind === 'proposal' ? selected.proposal.id : null}
              actions={actions}
            />
          )}
          {data.planError && <ErrorNotice error={data.planError} title="Planning failed" />}
          {data.plan && <PlanNotes plan={data.plan} tasks={tasks} habits={habits} />}
        </aside>
      </div>
    </div>
  );
}

/** Which day of the week starting at `weekStart` is today (0 when today is another week). */
function todayIndex(weekStart: number, zone: string): number {
  if (Date.now() >= addDaysIn(weekStart, 7, zone)) return 0;
  for (let i = 6; i > 0; i--) if (Date.now() >= addDaysIn(weekStart, i, zone)) return i;
  return 0;
}
