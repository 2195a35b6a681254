// The week: seven day columns (one in a narrow window) of the user's zone's wall clock (see toWallClock),
// drawn without a calendar library. The hours are a CSS background, not elements; each block is one
// absolutely placed button whose place week-layout.ts computes once per set of items. Busy events, free
// ones and proposed blocks get distinct classes, and every block names its kind in words too (a habit's
// block: "Habit · Proposed"). Memoised: the page re-renders on every decision and re-plan, the week only
// when its items change. A proposed task block can be dragged or resized (week-drag.ts): the engine
// decides whether it may sit there (acceptProposalAt), so the view only reports where it landed.
import { memo, type CSSProperties, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { fromWallClock, toWallClock } from '../../format/time';
import type { WeekItem } from './plan-items';
import { useBlockDrag } from './week-drag';
import { clockIn, DayColumn, ItemLabel, itemClass, type NowLine } from './week-day';
import { dayNumber, hiddenPerDay, layoutWeek } from './week-layout';

/** All-day events beyond this many rows fold into "+N more" (a click shows them all). */
export const ALL_DAY_ROWS = 3;
/** One hour of the grid, in CSS pixels: tall enough that a one-hour block shows its time and its title. */
const HOUR_PX = 64;
/** Where the hours are scrolled to when the week opens. */
const SCROLL_TO_HOUR = 7.5;

// The grid's Dates are wall clocks of the user's zone already (toWallClock): formatted without a zone.
const dayName = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const dayTitle = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

/** Where a block landed, as instants (ISO) of the user's zone. */
export interface Placement {
  item: Extract<WeekItem, { kind: 'proposal' }>;
  start: string;
  end: string;
}

/** The columns' local midnights: the week from `weekStart`, or the one `day`. */
function columnDays(weekStart: Date, day: Date | null): Date[] {
  const first = day ?? weekStart;
  const n = day ? 1 : 7;
  return Array.from({ length: n }, (_, i) => new Date(first.getFullYear(), first.getMonth(), first.getDate() + i));
}

/** The "now" line's wall clock, read again every minute. */
function useNow(zone: string): Date {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(t);
  }, []);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- tick is the clock's reason to read Date.now() again
  return useMemo(() => toWallClock(Date.now(), zone), [zone, tick]);
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
  const scroller = useRef<HTMLDivElement>(null);
  const days = useMemo(() => columnDays(weekStart, day), [weekStart, day]);
  const layout = useMemo(() => layoutWeek(items, days), [items, days]);
  const shownRows = allDayOpen ? layout.rows : Math.min(layout.rows, ALL_DAY_ROWS);
  const hidden = useMemo(() => hiddenPerDay(layout.lane, days.length, shownRows), [layout, days, shownRows]);

  // Each week (or day) opens at the morning; set before the first paint (the layout it needs is the one the
  // paint needs anyway). Under the sticky day names, the hours start at scrollTop / HOUR_PX.
  const firstDay = +days[0]!;
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = SCROLL_TO_HOUR * HOUR_PX;
  }, [firstDay]);

  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  const columns = useCallback(() => [...(scroller.current?.querySelectorAll<HTMLElement>('.week-day') ?? [])], []);
  const drop = useCallback(
    (id: string, col: number, startMin: number, endMin: number) => {
      const item = byId.get(id);
      const d = days[col];
      if (item?.kind !== 'proposal' || !d) return;
      const iso = (min: number) =>
        new Date(fromWallClock(new Date(d.getFullYear(), d.getMonth(), d.getDate(), 0, min), zone)).toISOString();
      onPlace({ item, start: iso(startMin), end: iso(endMin) });
    },
    [byId, days, zone, onPlace],
  );
  const drag = useBlockDrag(columns, drop);
  const select = useCallback(
    (item: WeekItem) => {
      if (!drag.afterDrag()) onSelect(item);
    },
    [drag, onSelect],
  );

  const ghostItem = drag.ghost && byId.get(drag.ghost.id);
  const ghost = drag.ghost && ghostItem ? { at: drag.ghost, item: ghostItem } : null;
  const now = useNow(zone);
  const today = days.findIndex((d) => dayNumber(d) === dayNumber(now));
  const nowLine: NowLine = now.getHours() * 60 + now.getMinutes();
  const hours = useMemo(() => {
    const d0 = days[0]!;
    return Array.from({ length: 24 }, (_, h) => {
      const d = new Date(d0.getFullYear(), d0.getMonth(), d0.getDate(), h);
      const here = clockIn().format(d);
      return secondZone ? `${here} · ${clockIn(secondZone).format(fromWallClock(d, zone))}` : here;
    });
  }, [days, zone, secondZone]);

  return (
    <div
      className="week"
      data-testid="week-view"
      data-view={day ? 'day' : 'week'}
      style={{ '--days': days.length, '--hour': `${HOUR_PX}px` } as CSSProperties}
    >
      <div className="week-scroll" ref={scroller}>
        <div className="week-grid">
          <div className="week-top">
            <div className="week-corner">
              <GutterHeader zone={zone} secondZone={secondZone} />
            </div>
            {days.map((d, i) => (
              <div
                key={+d}
                className={i === today ? 'week-header week-today' : 'week-header'}
                title={dayTitle.format(d)}
              >
                {dayName.format(d)}
              </div>
            ))}
            <div className="week-allday" style={{ gridTemplateRows: `repeat(${shownRows + 1}, auto)` }}>
              {layout.lane.map(
                (b) =>
                  b.row < shownRows && (
                    <button
                      type="button"
                      key={b.item.id}
                      className={`week-event ${itemClass(b.item)}`}
                      style={{ gridColumn: `${b.day + 1} / span ${b.span}`, gridRow: b.row + 1 }}
                      title={b.item.title}
                      onClick={() => select(b.item)}
                    >
                      <ItemLabel item={b.item} />
                    </button>
                  ),
              )}
              {hidden.map(
                (n, i) =>
                  n > 0 && (
                    <button
                      type="button"
                      key={`more${i}`}
                      className="week-more"
                      style={{ gridColumn: i + 1, gridRow: shownRows + 1 }}
                      onClick={() => setAllDayOpen(true)}
                    >
                      +{n} more
                    </button>
                  ),
              )}
            </div>
          </div>
          <div className="week-gutter" aria-hidden="true">
            {hours.map((h, i) => (
              <div key={i} className="week-label">
                {h}
              </div>
            ))}
          </div>
          {layout.columns.map((placed, i) => (
            <DayColumn
              key={+days[i]!}
              placed={placed}
              day={i}
              today={i === today}
              now={i === today ? nowLine : null}
              ghost={ghost?.at.day === i ? ghost : null}
              dragging={drag.ghost?.id ?? null}
              onSelect={select}
              onPress={drag.begin}
            />
          ))}
        </div>
      </div>
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
