// What the user decides about blocks — accept, reject, move a conflict, place
// one by dragging — and the undo of the last accept or reject. Every call goes
// to the engine; the page only remembers which block was decided last, so the
// Undo button knows what to send, and the refusal of a drop to show it.
import { useCallback, useState } from 'react';
import type { ApiResult } from '../../../shared/api';
import type { AppErrorData } from '../../../shared/errors';
import { useClient } from '../../hooks/client-context';

export interface LastDecision {
  id: string;
  /** "Accepted Budget", for the Undo button's label. */
  label: string;
}

export function useDecisions(reload: () => void) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [refusal, setRefusal] = useState<AppErrorData | null>(null);
  const [last, setLast] = useState<LastDecision | null>(null);

  const run = useCallback(
    async <T>(
      call: () => Promise<ApiResult<T>>,
      after: (value: T) => LastDecision | null | undefined,
      opts: { drop?: boolean } = {},
    ) => {
      setBusy(true);
      const r = await call();
      setBusy(false);
      if (r.ok) {
        setError(null);
        setRefusal(null);
        const next = after(r.value);
        if (next !== undefined) setLast(next);
      } else if (opts.drop && r.error.code === 'conflict') {
        // A refused drop: the block stays where it was, and the reason is said beside the week.
        setRefusal(r.error);
      } else setError(r.error);
      reload();
    },
    [reload],
  );

  return {
    busy,
    error,
    refusal,
    last,
    dismissRefusal: () => setRefusal(null),
    accept: (id: string, title: string) =>
      void run(
        () => client.call('acceptProposals', { ids: [id] }),
        () => ({ id, label: `Accepted ${title}` }),
      ),
    acceptAll: () =>
      void run(
        () => client.call('acceptProposals', { all: true }),
        () => null,
      ),
    reject: (id: string, title: string) =>
      void run(
        () => client.call('rejectProposal', { id }),
        () => ({ id, label: `Rejected ${title}` }),
      ),
    move: (id: string) =>
      void run(
        () => client.call('acceptMove', { id }),
        () => undefined,
      ),
    place: (id: string, title: string, start: string, end: string) =>
      void run(
        () => client.call('acceptProposalAt', { id, start, end }),
        (v) => ({ id: v.id, label: `Accepted ${title}` }),
        { drop: true },
      ),
    undo: () => {
      // After an undo there is nothing left to undo: the button goes until the next decision.
      if (last)
        void run(
          () => client.call('undoDecision', { id: last.id }),
          () => null,
        );
    },
  };
}
