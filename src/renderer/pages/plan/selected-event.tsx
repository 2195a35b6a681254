import type { WeekItem } from './plan-items';
import { formatDateTime, formatTime } from '../../format/time';
import { useZone } from '../../format/zone-context';

/** Details of a calendar event picked in the week: all of it as text. */
export function SelectedEvent({ item, onClose }: { item: Extract<WeekItem, { kind: 'event' }>; onClose: () => void }) {
  const zone = useZone();
  const e = item.event;
  return (
    <section className="card selected-event" aria-labelledby="sel-h" data-testid="selected-event">
      <h2 id="sel-h">{item.title}</h2>
      <p className="muted">
        {e.allDay
          ? `${e.startDate} – ${e.endDate} (all day)`
          : `${formatDateTime(e.start, zone)}–${e.end ? formatTime(e.end, zone) : ''}`}{' '}
        · {item.busy ? 'busy' : 'free'}
      </p>
      {e.location && <p>{e.location}</p>}
      {e.description && <p className="description">{e.description}</p>}
      <p className="muted">
        {e.account} · {e.calendarId}
      </p>
      <button type="button" className="secondary" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
