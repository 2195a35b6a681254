// The week: react-big-calendar's time grid, fed wall-clock Dates of the
// user's zone (see toWallClock). Busy events, free ones and proposed blocks
// get distinct classes, and every block names its kind in words too.
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enUS } from 'date-fns/locale';
import { useMemo } from 'react';
import { Calendar, dateFnsLocalizer, type EventProps } from 'react-big-calendar';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import type { WeekItem } from './plan-items';

const localizer = dateFnsLocalizer({
  format,
  parse,
  startOfWeek: (d: Date) => startOfWeek(d, { weekStartsOn: 1 }),
  getDay,
  locales: { 'en-US': enUS },
});

const KIND: Record<string, string> = { proposed: 'Proposed', accepted: 'Accepted', conflict: 'Conflict' };

function ItemLabel({ event }: EventProps<WeekItem>) {
  if (event.kind === 'proposal') {
    return (
      <span className="item-label">
        <span className="item-kind">{KIND[event.proposal.status] ?? event.proposal.status}: </span>
        {event.title}
      </span>
    );
  }
  return <span className="item-label">{event.title}</span>;
}

export function WeekCalendar({
  weekStart,
  items,
  onSelect,
}: {
  weekStart: Date;
  items: WeekItem[];
  onSelect: (item: WeekItem) => void;
}) {
  const components = useMemo(() => ({ event: ItemLabel }), []);
  const scrollTo = useMemo(() => new Date(1970, 0, 1, 7, 30), []);
  return (
    <div className="week" data-testid="week-view">
      <Calendar<WeekItem>
        localizer={localizer}
        culture="en-US"
        events={items}
        date={weekStart}
        onNavigate={() => undefined}
        view="week"
        views={['week']}
        onView={() => undefined}
        toolbar={false}
        startAccessor="start"
        endAccessor="end"
        allDayAccessor="allDay"
        titleAccessor="title"
        tooltipAccessor="title"
        step={30}
        timeslots={2}
        scrollToTime={scrollTo}
        components={components}
        onSelectEvent={onSelect}
        eventPropGetter={(item) => ({
          className:
            item.kind === 'proposal'
              ? `item-proposal item-${item.proposal.status}`
              : item.busy
                ? 'item-busy'
                : 'item-free',
        })}
        dayLayoutAlgorithm="overlap"
      />
    </div>
  );
}
