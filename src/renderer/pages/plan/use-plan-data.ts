// Everything the Plan page shows: the week's cached events, the proposals,
// the tasks and habits (for names) and the latest plan's notes; refreshed by events.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlanResult } from '../../../shared/domain';
import { weekEventsInput } from '../../api/early-calls';
import type { AppErrorData } from '../../../shared/errors';
import { useClient } from '../../hooks/client-context';
import { useApi } from '../../hooks/use-api';
import { useReloadOn } from '../../hooks/use-engine-events';

export function usePlanData(weekStart: number, weekEnd: number) {
  const client = useClient();
  const events = useApi('listEvents', weekEventsInput(weekStart, weekEnd));
  const proposals = useApi('listProposals', { status: 'all' });
  const tasks = useApi('listTasks', { status: 'all' });
  const habits = useApi('listHabits', {});
  const [plan, setPlan] = useState<PlanResult | null>(null);
  const [planError, setPlanError] = useState<AppErrorData | null>(null);
  const [planning, setPlanning] = useState(false);

  const reloadProposals = proposals.reload;
  const replan = useCallback(async () => {
    setPlanning(true);
    const r = await client.call('plan', {});
    setPlanning(false);
    setPlan(r.ok ? r.value : null);
    setPlanError(r.ok ? null : r.error);
    reloadProposals();
  }, [client, reloadProposals]);

  // A fresh plan when the page opens: the notes (what did not fit) come only from planning. It waits
  // until the week's events are in, so the engine's planning (a few hundred ms on a big cache) does not
  // hold up the first drawing of the week.
  const planned = useRef(false);
  const eventsSettled = events.value !== null || events.state === 'error';
  useEffect(() => {
    if (planned.current || !eventsSettled) return;
    planned.current = true;
    void replan();
  }, [replan, eventsSettled]);

  useReloadOn(['proposals-changed'], proposals.reload);
  useReloadOn(['run-finished'], events.reload);
  return { events, proposals, tasks, habits, plan, planError, planning, replan };
}
