// The week: react-big-calendar's time grid, fed wall-clock Dates of the
// user's zone (see toWallClock). Busy events, free ones and proposed blocks
// get distinct classes, and every block names its kind in words too (a habit's block: "Habit · Proposed").
// Memoised: the page re-renders on every decision and re-plan, the week only when its items change.
// A proposed block can be dragged or resized: the engine decides whether it
// may sit there (acceptProposalAt), so the view only reports where it landed.
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enUS } from 'date-fns/locale';
import { memo, useCallback, useMemo, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { Calendar, dateFnsLocalizer, type EventProps, type Formats } from 'react-big-calendar';
import dndAddon, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import { fromWallClock, toWallClock } from '../../format/time';
import { createDayLayout } from './day-layout';
import { withFastDays } from './fast-days';
import { useGridRoleFix } from './grid-roles';
import type { WeekItem } from './plan-items';

// Day comparisons answered from the calendar date (fast-days.ts): the week's first render asks thousands.
const localizer = withFastDays(
  dateFnsLocalizer({
    format,
    parse,
    startOfWeek: (d: Date) => startOfWeek(d, { weekStartsOn: 1 }),
    getDay,
    locales: { 'en-US': enUS },
  }),
);

// The addon ships as CommonJS only; through the bundler's interop its default export can arrive wrapped once more.
type WithDnD = typeof dndAddon;
const withDragAndDrop: WithDnD = (dndAddon as unknown as { default?: WithDnD }).default ?? dndAddon;
const DnDCalendar = withDragAndDrop<WeekItem>(Calendar);

const KIND: Record<string, string> = { proposed: 'Proposed', accepted: 'Accepted', conflict: 'Conflict' };

/** All-day events beyond this many rows fold into "+N more" (a click shows them all). */
export const ALL_DAY_ROWS = 3;

// As few elements as a block can have: the library already wraps it in three (block, time, content), and
// the week's first style recalculation and layout grow with every element (a busy week has ~500 blocks).
function ItemLabel({ event }: EventProps<WeekItem>) {
  if (event.kind !== 'proposal') return event.title;
  return (
    <>
      <span className="item-kind">
        {event.habit && 'Habit · '}
        {KIND[event.proposal.status] ?? event.proposal.status}:{' '}
      </span>
      {event.title}
    </>
  );
}

/**
 * The quarter-hour slots carry no line and no content (drops are placed from the column's bounds and the
 * slot metrics, not from slot elements), so only the gutter's labelled slot is drawn: 7 × 96 empty
 * elements fewer in a week. The hour's group (its line, its height) stays.
 */
function SlotWrapper({ children }: { children?: ReactNode }) {
  const slot = children as ReactElement<{ children?: ReactNode }> | undefined;
  return slot?.props.children ? slot : null;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
/** Hours and minutes in the browser's locale (12 or 24 hours as it writes them), in `zone` if given. */
function clockIn(zone?: string): Intl.DateTimeFormat {
  let f = clocks.get(zone ?? '');
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: zone });
    clocks.set(zone ?? '', f);
  }
  return f;
}
// The grid's Dates are wall clocks of the user's zone already (toWallClock): formatted without a zone.
const dayName = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const dayTitle = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

// A habit's block is not dragged: the engine refuses to place one by hand (its window, once a day) — accept or reject it.
const movable = (item: WeekItem) => item.kind === 'proposal' && item.proposal.status === 'proposed' && !item.habit;

/** Where a block landed, as instants (ISO) of the user's zone. */
export interface Placement {
  item: Extract<WeekItem, { kind: 'proposal' }>;
  start: string;
  end: string;
}

export const WeekCalendar = memo(function WeekCalendar({
  weekStart,
  day,
  items,
  zone,
  secondZone,
  onSelect,
  onPlace,
}: {
  weekStart: Date;
  /** A narrow window shows this one day (wall clock of `zone`) instead of the week. */
  day: Date | null;
  items: WeekItem[];
  zone: string;
  /** Shown beside the user's zone in the time gutter, when chosen. */
  secondZone: string | null;
  onSelect: (item: WeekItem) => void;
  onPlace: (p: Placement) => void;
}) {
  const [allDayOpen, setAllDayOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useGridRoleFix(root);
  const components = useMemo(
    () => ({
      event: ItemLabel,
      timeSlotWrapper: SlotWrapper,
      timeGutterHeader: () => <GutterHeader zone={zone} secondZone={secondZone} />,
    }),
    [zone, secondZone],
  );
  // One per calendar: each day column's layout is remembered between the week's redraws (day-layout.ts).
  const [dayLayout] = useState(createDayLayout<WeekItem>);
  const scrollTo = useMemo(() => new Date(1970, 0, 1, 7, 30), []);
  // The red "now" line sits at the zone's wall clock, like every block.
  const getNow = useCallback(() => toWallClock(Date.now(), zone), [zone]);
  const formats = useMemo<Formats>(
    () => ({
      dayFormat: (d: Date) => dayName.format(d),
      dayHeaderFormat: (d: Date) => dayTitle.format(d),
      eventTimeRangeFormat: ({ start, end }: { start: Date; end: Date }) =>
        `${clockIn().format(start)} – ${clockIn().format(end)}`,
      timeGutterFormat: (d: Date) => {
        const here = clockIn().format(d);
        if (!secondZone) return here;
        return `${here} · ${clockIn(secondZone).format(fromWallClock(d, zone))}`;
      },
    }),
    [zone, secondZone],
  );
  const place = useCallback(
    ({ event, start, end }: EventInteractionArgs<WeekItem>) => {
      if (event.kind !== 'proposal') return;
      const iso = (d: Date | string) => new Date(fromWallClock(new Date(d), zone)).toISOString();
      onPlace({ item: event, start: iso(start), end: iso(end) });
    },
    [onPlace, zone],
  );
  return (
    <div className="week" data-testid="week-view" data-view={day ? 'day' : 'week'} ref={root}>
      <DnDCalendar
        localizer={localizer}
        culture="en-US"
        events={items}
        date={day ?? weekStart}
        onNavigate={() => undefined}
        view={day ? 'day' : 'week'}
        views={['week', 'day']}
        onView={() => undefined}
        toolbar={false}
        startAccessor="start"
        endAccessor="end"
        allDayAccessor="allDay"
        titleAccessor="title"
        tooltipAccessor="title"
        // Quarter-hour slots, the planner's grid: a drop lands on any quarter hour (they cost about a fifth
        // more on the first render of a full week than half-hour slots, measured with bench/ui.ts).
        step={15}
        timeslots={4}
        scrollToTime={scrollTo}
        getNow={getNow}
        formats={formats}
        components={components}
        onSelectEvent={onSelect}
        draggableAccessor={movable}
        resizableAccessor={movable}
        onEventDrop={place}
        onEventResize={place}
        allDayMaxRows={allDayOpen ? Infinity : ALL_DAY_ROWS}
        doShowMoreDrillDown={false}
        onShowMore={() => setAllDayOpen(true)}
        eventPropGetter={(item) => ({
          className:
            item.kind === 'proposal'
              ? `item-proposal item-${item.proposal.status}${item.habit ? ' item-habit' : ''}`
              : item.busy
                ? 'item-busy'
                : 'item-free',
        })}
        // Overlapping events side by side, each in its own column, rather than stacked over each other: the
        // library's 'no-overlap', not done again for a column whose events have not changed.
        dayLayoutAlgorithm={dayLayout}
      />
    </div>
  );
});

function GutterHeader({ zone, secondZone }: { zone: string; secondZone: string | null }) {
  const short = (z: string) => z.split('/').pop()!.replace(/_/g, ' ');
  return (
    <span className="gutter-zones" data-testid="gutter-zones" title={secondZone ? `${zone} · ${secondZone}` : zone}>
      {short(zone)}
      {secondZone && ` · ${short(secondZone)}`}
    </span>
  );
}
