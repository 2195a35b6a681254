// Busy mirroring (issue 17): the rules, each with what it has in place and its
// last result; a rule added from two calendar pickers; removal asks whether
// the mirrored events go too. Everything through the API client.
import { useState, type FormEvent } from 'react';
import type { CalendarInfo } from '../../../shared/domain';
import { ErrorNotice, InlineError } from '../../components/notices';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hooks/use-api';
import { useReloadOn } from '../../hooks/use-engine-events';

const WRITABLE = new Set(['owner', 'writer']);
const name = (calendars: CalendarInfo[], id: string) => calendars.find((c) => c.id === id)?.summary ?? id;

export function MirrorSettings({ calendars }: { calendars: CalendarInfo[] }) {
  const client = useClient();
  const rules = useApi('listMirrorRules', {});
  useReloadOn(['run-finished'], rules.reload);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [showTitle, setShowTitle] = useState(false);
  const [before, setBefore] = useState('0');
  const [after, setAfter] = useState('0');
  const [horizon, setHorizon] = useState('60');
  const [removing, setRemoving] = useState<string | null>(null);
  const [keepEvents, setKeepEvents] = useState(false);
  const add = useAction(
    () =>
      client.call('addMirrorRule', {
        from,
        to,
        showTitle,
        bufferBeforeMinutes: Number(before),
        bufferAfterMinutes: Number(after),
        horizonDays: Number(horizon),
      }),
    rules.reload,
  );
  const remove = useAction(
    (id: string) => client.call('removeMirrorRule', { id, keepEvents }),
    () => {
      setRemoving(null);
      rules.reload();
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.go();
  };
  const sources = calendars.filter((c) => c.enabled);
  const targets = calendars.filter((c) => WRITABLE.has(c.accessRole));
  const option = (c: CalendarInfo) => (
    <option key={`${c.accountId}/${c.id}`} value={c.id}>
      {c.summary} ({c.account})
    </option>
  );

  return (
    <section className="card" aria-labelledby="mirror-h">
      <h2 id="mirror-h">Mirrors</h2>
      <p>Copy the busy time of one calendar into another, so people booking the second see you are busy.</p>
      {rules.state === 'error' && <ErrorNotice error={rules.error} onRetry={rules.reload} />}
      {rules.value && rules.value.length === 0 && <p>No mirrors yet.</p>}
      {rules.value && rules.value.length > 0 && (
        <ul aria-label="Mirror rules">
          {rules.value.map((r) => (
            <li key={r.id} data-testid="mirror-rule">
              <strong>
                {name(calendars, r.from)} → {name(calendars, r.to)}
              </strong>{' '}
              <span data-testid="mirror-count">{r.mirrored.toLocaleString()} mirrored</span>
              {r.lastResult && (
                <span>
                  {' '}
                  · last run: {r.lastResult.inserted} added, {r.lastResult.updated} updated, {r.lastResult.deleted}{' '}
                  removed{r.lastResult.handEdited ? `, ${r.lastResult.handEdited} edited by hand (left alone)` : ''}
                </span>
              )}
              {!r.lastRunAt && <span> · runs with the next sync</span>}
              {r.lastError && <p role="status">Problem: {r.lastError}</p>}
              {removing === r.id ? (
                <span>
                  <label className="check">
                    <input type="checkbox" checked={keepEvents} onChange={(e) => setKeepEvents(e.target.checked)} />{' '}
                    Keep the mirrored events in {name(calendars, r.to)}
                  </label>
                  <button type="button" disabled={remove.busy} onClick={() => void remove.go(r.id)}>
                    Remove the mirror
                  </button>
                  <button type="button" onClick={() => setRemoving(null)}>
                    Cancel
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  aria-label={`Remove mirror ${name(calendars, r.from)} to ${name(calendars, r.to)}`}
                  onClick={() => {
                    setKeepEvents(false);
                    setRemoving(r.id);
                  }}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <InlineError error={remove.error} />
      <form onSubmit={submit} aria-label="Add a mirror">
        <label>
          From calendar
          <select value={from} onChange={(e) => setFrom(e.target.value)} required>
            <option value="">Choose…</option>
            {sources.map(option)}
          </select>
        </label>
        <label>
          To calendar
          <select value={to} onChange={(e) => setTo(e.target.value)} required>
            <option value="">Choose…</option>
            {targets.map(option)}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={showTitle} onChange={(e) => setShowTitle(e.target.checked)} /> Show the title
          instead of “Busy”
        </label>
        <label>
          Buffer before (minutes)
          <input type="number" min={0} max={240} value={before} onChange={(e) => setBefore(e.target.value)} />
        </label>
        <label>
          Buffer after (minutes)
          <input type="number" min={0} max={240} value={after} onChange={(e) => setAfter(e.target.value)} />
        </label>
        <label>
          Horizon (days)
          <input type="number" min={1} max={365} value={horizon} onChange={(e) => setHorizon(e.target.value)} />
        </label>
        <button type="submit" disabled={add.busy || !from || !to}>
          Add mirror
        </button>
        <InlineError error={add.error} />
      </form>
    </section>
  );
}
