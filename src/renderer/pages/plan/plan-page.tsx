import { useMemo, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import { ErrorNotice, Loading } from '../../components/notices';
import { addDaysIn, formatDay, weekStartIn } from '../../format/time';
import { useZone } from '../../format/zone-context';
import { useClient } from '../../hooks/client-context';
import { toWallClock } from '../../format/time';
import { AcceptAll } from './accept-all';
import { eventItems, proposalItems, type WeekItem } from './plan-items';
import { ConsentRequest } from './consent-request';
import { PlanNotes } from './plan-notes';
import { ProposalList } from './proposal-list';
import { SelectedEvent } from './selected-event';
import { usePlanData } from './use-plan-data';
import { WeekCalendar } from './week-calendar';

// Compared as a string: the code is new in the contract and older engines never send it.
const needsConsent = (e: AppErrorData | null) => (e?.code as string | undefined) === 'needs-consent';

export function PlanPage() {
  const zone = useZone();
  const client = useClient();
  const [weekStart, setWeekStart] = useState(() => weekStartIn(Date.now(), zone));
  const weekEnd = addDaysIn(weekStart, 7, zone);
  const data = usePlanData(new Date(weekStart).toISOString(), new Date(weekEnd).toISOString());
  const [selected, setSelected] = useState<WeekItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<AppErrorData | null>(null);

  const tasks = useMemo(() => new Map((data.tasks.value ?? []).map((t) => [t.id, t])), [data.tasks.value]);
  const items = useMemo(
    () => [...eventItems(data.events.value ?? [], zone), ...proposalItems(data.proposals.value ?? [], tasks, zone)],
    [data.events.value, data.proposals.value, tasks, zone],
  );

  const act = async (run: () => ReturnType<typeof client.call>) => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    setActionError(r.ok ? null : r.error);
    data.proposals.reload();
    data.events.reload();
  };
  const actions = {
    accept: (id: string) => void act(() => client.call('acceptProposals', { ids: [id] })),
    reject: (id: string) => void act(() => client.call('rejectProposal', { id })),
    move: (id: string) => void act(() => client.call('acceptMove', { id })),
    busy,
    error: needsConsent(actionError) ? null : actionError,
  };
  const pending = (data.proposals.value ?? []).filter((p) => p.status === 'proposed').length;
  const plannerMissing = data.proposals.error?.code === 'not-configured' ? data.proposals.error : null;

  return (
    <div className="plan">
      <div className="toolbar" role="toolbar" aria-label="Week">
        <button type="button" className="secondary" onClick={() => setWeekStart(addDaysIn(weekStart, -7, zone))}>
          ← Previous week
        </button>
        <button type="button" className="secondary" onClick={() => setWeekStart(weekStartIn(Date.now(), zone))}>
          This week
        </button>
        <button type="button" className="secondary" onClick={() => setWeekStart(addDaysIn(weekStart, 7, zone))}>
          Next week →
        </button>
        <h2 className="week-title" aria-live="polite">
          {formatDay(weekStart, zone)} – {formatDay(addDaysIn(weekStart, 6, zone), zone)}
        </h2>
        <span className="spacer" />
        <button
          type="button"
          className="secondary"
          onClick={() => void data.replan()}
          disabled={data.planning || plannerMissing !== null}
        >
          {data.planning ? 'Planning…' : 'Plan again'}
        </button>
        <AcceptAll
          pending={pending}
          disabled={busy}
          onAccept={() => void act(() => client.call('acceptProposals', { all: true }))}
        />
      </div>
      <div className="legend" aria-hidden="true">
        <span className="key item-busy">Busy</span> <span className="key item-free">Free / declined</span>{' '}
        <span className="key item-proposal item-proposed">Proposed</span>{' '}
        <span className="key item-proposal item-accepted">Accepted</span>{' '}
        <span className="key item-proposal item-conflict">Conflict</span>
      </div>
      <div className="plan-body">
        <div className="plan-week">
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
            <WeekCalendar weekStart={toWallClock(weekStart, zone)} items={items} onSelect={setSelected} />
          )}
        </div>
        <aside className="plan-side" aria-label="Plan review">
          {selected?.kind === 'event' && <SelectedEvent item={selected} onClose={() => setSelected(null)} />}
          <h2>Blocks</h2>
          {actionError && needsConsent(actionError) && <ConsentRequest error={actionError} />}
          {plannerMissing ? (
            <ErrorNotice error={plannerMissing} />
          ) : data.proposals.state === 'error' ? (
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
              selected={selected?.kind === 'proposal' ? selected.proposal.id : null}
              actions={actions}
            />
          )}
          {data.planError && !plannerMissing && <ErrorNotice error={data.planError} title="Planning failed" />}
          {data.plan && <PlanNotes plan={data.plan} tasks={tasks} />}
        </aside>
      </div>
    </div>
  );
}
