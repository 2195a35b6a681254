// One day column of the week and its blocks. A block is one button (its time in a line of its own, then its text):
// placed by percentages of the column from week-layout.ts's minutes, so the browser lays out a box and
// two lines of text per block and nothing per quarter hour. Memoised per column: a drag redraws only
// the column its ghost is in.
import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import type { WeekItem } from './plan-items';
import type { Ghost } from './week-drag';
import { DAY_MINUTES, type DragMode, type Placed } from './week-layout';

/** Minutes since the day's 00:00 of the "now" line, in today's column only. */
export type NowLine = number | null;

const clocks = new Map<string, Intl.DateTimeFormat>();
/** Hours and minutes in the browser's locale (12 or 24 hours as it writes them), in `zone` if given. */
export function clockIn(zone?: string): Intl.DateTimeFormat {
  let f = clocks.get(zone ?? '');
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: zone });
    clocks.set(zone ?? '', f);
  }
  return f;
}

const KIND: Record<string, string> = { proposed: 'Proposed', accepted: 'Accepted', conflict: 'Conflict' };

/** The block's text: an event's title, or a proposal's kind in words and then its title. */
export function ItemLabel({ item }: { item: WeekItem }) {
  if (item.kind !== 'proposal') return item.title;
  return (
    <>
      <span className="item-kind">
        {item.habit && 'Habit · '}
        {KIND[item.proposal.status] ?? item.proposal.status}:{' '}
      </span>
      {item.title}
    </>
  );
}

export function itemClass(item: WeekItem): string {
  if (item.kind === 'proposal') return `item-proposal item-${item.proposal.status}${item.habit ? ' item-habit' : ''}`;
  return item.busy ? 'item-busy' : 'item-free';
}

// A habit's block is not dragged: the engine refuses to place one by hand (its window, once a day) — accept or reject it.
const movable = (item: WeekItem) => item.kind === 'proposal' && item.proposal.status === 'proposed' && !item.habit;

const pct = (min: number) => `${(min / DAY_MINUTES) * 100}%`;

type Press = (e: ReactPointerEvent, id: string, mode: DragMode, day: number, startMin: number, endMin: number) => void;

function Block({
  p,
  day,
  className,
  onSelect,
  onPress,
}: {
  p: Placed<WeekItem>;
  day: number;
  className: string;
  onSelect: (item: WeekItem) => void;
  onPress: Press | null;
}) {
  const { item } = p;
  return (
    <button
      type="button"
      className={`week-event ${itemClass(item)}${onPress ? ' week-movable' : ''}${className}`}
      style={{
        top: pct(p.startMin),
        height: pct(p.endMin - p.startMin),
        left: `${p.left * 100}%`,
        width: `${p.width * 100}%`,
      }}
      title={item.title}
      onClick={() => onSelect(item)}
      onPointerDown={onPress ? (e) => onPress(e, item.id, 'move', day, p.startMin, p.endMin) : undefined}
    >
      <span className="week-event-label">
        {clockIn().format(item.start)} – {clockIn().format(item.end)}
      </span>
      <ItemLabel item={item} />
      {onPress && (
        <span
          className="week-resize"
          aria-hidden="true"
          onPointerDown={(e) => onPress(e, item.id, 'resize', day, p.startMin, p.endMin)}
        />
      )}
    </button>
  );
}

export const DayColumn = memo(function DayColumn({
  placed,
  day,
  today,
  now,
  ghost,
  dragging,
  onSelect,
  onPress,
}: {
  placed: Placed<WeekItem>[];
  day: number;
  today: boolean;
  now: NowLine;
  /** The dragged block's new place, when it is over this column, and the block. */
  ghost: { at: Ghost; item: WeekItem } | null;
  /** The id of the block being dragged (drawn faded where it was). */
  dragging: string | null;
  onSelect: (item: WeekItem) => void;
  onPress: Press;
}) {
  return (
    <div className={today ? 'week-day week-today' : 'week-day'}>
      {placed.map((p) => (
        <Block
          key={p.item.id}
          p={p}
          day={day}
          className={p.item.id === dragging ? ' week-dragging' : ''}
          onSelect={onSelect}
          onPress={movable(p.item) ? onPress : null}
        />
      ))}
      {ghost && <GhostBlock ghost={ghost.at} item={ghost.item} />}
      {now !== null && <div className="week-now" style={{ top: pct(now) }} />}
    </div>
  );
});

/** Where the dragged block would land: its outline and new times, over the whole column's width. */
function GhostBlock({ ghost, item }: { ghost: Ghost; item: WeekItem }) {
  return (
    <div
      className={`week-event week-ghost ${itemClass(item)}`}
      style={{ top: pct(ghost.startMin), height: pct(ghost.endMin - ghost.startMin), left: 0, width: '100%' }}
      aria-hidden="true"
    >
      {item.title}
    </div>
  );
}
