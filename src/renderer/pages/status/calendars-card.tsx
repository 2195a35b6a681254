import { useState } from 'react';
import type { CalendarInfo } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import { InlineError } from '../../components/notices';
import { relative } from '../../format/time';
import { useNow } from '../../hooks/use-now';
import { useClient } from '../../hooks/client-context';

export function CalendarsCard({ calendars, onChanged }: { calendars: CalendarInfo[]; onChanged: () => void }) {
  const now = useNow();
  const client = useClient();
  // The box follows the click at once; the engine's answer confirms or reverts it.
  const [pending, setPending] = useState<Map<string, boolean>>(new Map());
  const [error, setError] = useState<AppErrorData | null>(null);
  // Two switches per calendar: whether it syncs, and whether its events block the planner.
  const toggle = async (c: CalendarInfo, key: string, on: boolean) => {
    setPending((m) => new Map(m).set(key, on));
    const r = key.endsWith('#busy')
      ? await client.call('setCalendarBlocksTime', { calendarId: c.id, accountId: c.accountId, blocksTime: on })
      : await client.call('setCalendarEnabled', { calendarId: c.id, accountId: c.accountId, enabled: on });
    setError(r.ok ? null : r.error);
    onChanged();
    setPending((m) => {
      const next = new Map(m);
      next.delete(key);
      return next;
    });
  };
  return (
    <section className="card wide" aria-labelledby="calendars-h">
      <h2 id="calendars-h">Calendars</h2>
      {calendars.length === 0 ? (
        <p className="muted">Calendars appear here after the first sync.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Sync</th>
              <th scope="col">Calendar</th>
              <th scope="col" title="Its events are busy time for the planner">
                Blocks my time
              </th>
              <th scope="col">Account</th>
              <th scope="col">Last synced</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {calendars.map((c) => {
              const id = `cal-${c.accountId}-${c.id}`;
              const key = `${c.accountId}/${c.id}`;
              const enabled = pending.get(key) ?? c.enabled;
              const busyKey = `${key}#busy`;
              const blocks = pending.get(busyKey) ?? c.blocksTime;
              return (
                <tr key={`${c.accountId}/${c.id}`}>
                  <td>
                    <input
                      id={id}
                      type="checkbox"
                      checked={enabled}
                      aria-busy={pending.has(key)}
                      onChange={(e) => void toggle(c, key, e.target.checked)}
                    />
                  </td>
                  <td>
                    <label htmlFor={id} id={`${id}-name`}>
                      {c.color && <span className="swatch" style={{ background: c.color }} aria-hidden="true" />}
                      {c.summary}
                    </label>
                    {c.primary && <span className="muted"> (primary)</span>}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      checked={blocks}
                      // Named apart from the calendar, so "the Team checkbox" stays the sync switch; the row says which calendar.
                      aria-label="Blocks my time"
                      aria-describedby={`${id}-name`}
                      aria-busy={pending.has(busyKey)}
                      onChange={(e) => void toggle(c, busyKey, e.target.checked)}
                    />
                  </td>
                  <td className="muted">{c.account}</td>
                  <td title={c.lastSyncedAt ?? undefined}>{enabled ? relative(c.lastSyncedAt, now) : 'off'}</td>
                  <td className="error-text">{c.lastError ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <InlineError error={error} />
    </section>
  );
}
