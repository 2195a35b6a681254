// Places one habit's occurrences: at most one per local day, inside the
// window, clear of every claimed interval by the buffer. Per day the full
// duration is tried first, then shorter lengths down to the minimum; a
// previous proposal of that day is kept when it has the length the day now
// allows (stability). "N times a week" picks N distinct days per local week,
// the longest fits first, spread out on equal length (each pick as far as
// possible from the days already taken).
import type { HabitMiss } from '../../../shared/domain';
import { formatDay, habitDays, isoDay, weekOf, type HabitDay } from './habit-days';
import { proposalIdFor } from './ids';
import { mergeIntervals } from './timeline';
import type { AcceptedBlock, Interval, PlannedBlock, PlannerHabit, RejectedSlot } from './types';
import { DAY, MINUTE, QUARTER, dayOf, wallMs, type Zone } from '../../../shared/time/zone';

/** Intervals no habit block may come within `buffer` of; sorted and merged for binary search. */
export class Claims {
  private merged: Interval[] = [];
  private pending: Interval[] = [];
  constructor(
    private readonly bufferMs: number,
    items: Interval[] = [],
  ) {
    this.add(items);
  }
  add(items: Interval[]): void {
    for (const x of items) this.pending.push({ start: x.start - this.bufferMs, end: x.end + this.bufferMs });
  }
  /** True when [start, end) keeps the buffer to every claim. */
  clear(start: number, end: number): boolean {
    if (this.pending.length) {
      this.merged = mergeIntervals([...this.merged, ...this.pending]);
      this.pending = [];
    }
    const m = this.merged;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (m[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo >= m.length || m[lo]!.start >= end;
  }
}

export interface HabitContext {
  zone: Zone;
  planStart: number;
  horizonEnd: number;
  accepted: AcceptedBlock[];
  previous: PlannedBlock[];
  rejected: RejectedSlot[];
}

export interface HabitResult {
  blocks: PlannedBlock[];
  misses: HabitMiss[];
}

type Fit = Interval & { full: boolean };

export function habitValidity(h: PlannerHabit): string | null {
  if (!Number.isFinite(h.durationMinutes) || h.durationMinutes <= 0)
    return 'duration must be a positive number of minutes';
  if (h.minDurationMinutes !== null && !(h.minDurationMinutes > 0 && h.minDurationMinutes <= h.durationMinutes))
    return 'the minimum must be positive and not exceed the duration';
  if (![1, 2, 3, 4].includes(h.priority)) return 'priority must be 1 to 4';
  if (!/^\d\d:\d\d$/.test(h.window.start) || !/^\d\d:\d\d$/.test(h.window.end) || h.window.start >= h.window.end)
    return 'the window must be HH:MM–HH:MM, start before end';
  const f = h.frequency;
  if (f.kind === 'weekdays' && f.days.length === 0) return 'no weekday chosen';
  if (f.kind === 'timesPerWeek' && !(Number.isInteger(f.times) && f.times >= 1 && f.times <= 7))
    return 'times per week must be 1 to 7';
  return null;
}

/**
 * `hard`: busy time, accepted blocks, habits placed before. `soft`: the
 * proposals of more urgent tasks — a habit that may not be dropped takes
 * their time when its window has no other room. `prefer` (optional): where
 * tasks of the habit's own priority would go; a habit keeps out of that
 * room when its window has other room of the same length, so an equal task
 * with a deadline is not crowded out by a habit that could sit elsewhere.
 * `avoid`: the windows (minutes of the local day) of habits placed after
 * this one; among equally good starts the one overlapping them least wins,
 * so two habits with overlapping windows both fit where they can.
 */
export function placeHabit(
  ctx: HabitContext,
  h: PlannerHabit,
  hard: Claims,
  soft: Claims,
  prefer: Claims | null = null,
  avoid: Array<[number, number]> = [],
): HabitResult {
  const window = `${h.window.start}–${h.window.end}`;
  const invalid = habitValidity(h);
  if (invalid) return { blocks: [], misses: [{ habitId: h.id, day: null, reason: 'invalid-habit', detail: invalid }] };
  const full = Math.ceil(h.durationMinutes / 15);
  const min = Math.min(full, Math.ceil((h.minDurationMinutes ?? h.durationMinutes) / 15));
  const { days, lastDay, firstDay } = habitDays(ctx.zone, h, ctx.planStart, ctx.horizonEnd);
  const localDay = (t: number): number => dayOf(wallMs(ctx.zone, t));
  const own = ctx.accepted.filter((a) => a.taskId === h.id);
  const doneDays = new Set(own.map((a) => localDay(a.start)));
  const previous = new Map(ctx.previous.filter((p) => p.taskId === h.id).map((p) => [localDay(p.start), p]));
  const rejected = ctx.rejected.filter((r) => r.taskId === h.id);
  const allowed = (s: number, e: number): boolean => !rejected.some((r) => r.start < e && r.end > s);

  // Levels: 2 = clear of `prefer` and `soft` too, 1 = clear of `soft`, 0 = hard claims only.
  const okAt = (level: number, s: number, e: number): boolean =>
    hard.clear(s, e) &&
    (level < 1 || soft.clear(s, e)) &&
    (level < 2 || !prefer || prefer.clear(s, e)) &&
    allowed(s, e);
  const overlap = (s: number, len: number): number => {
    if (avoid.length === 0) return 0;
    const from = (((wallMs(ctx.zone, s) % DAY) + DAY) % DAY) / MINUTE;
    const to = from + len * 15;
    return avoid.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(to, b) - Math.max(from, a)), 0);
  };
  /** Longest length first; per length a still-fitting previous proposal (stability), then the best level. */
  const fitIn = (d: HabitDay, floor: number): Fit | null => {
    const prev = previous.get(d.day);
    const top = prefer ? 2 : Math.max(1, floor);
    for (let len = full; len >= min; len--) {
      if (prev && prev.end - prev.start === len * QUARTER && d.slots.includes(prev.start)) {
        const i = d.slots.indexOf(prev.start);
        if (d.slots[i + len - 1] === prev.start + (len - 1) * QUARTER && okAt(floor, prev.start, prev.end))
          return { start: prev.start, end: prev.end, full: len === full };
      }
      for (let level = top; level >= floor; level--) {
        let best: Fit | null = null;
        let bestCost = Infinity;
        for (let i = 0; i + len <= d.slots.length; i++) {
          const s = d.slots[i]!;
          // Contiguous: the window has no hole (a clock change) inside the block.
          if (d.slots[i + len - 1] !== s + (len - 1) * QUARTER) continue;
          if (!okAt(level, s, s + len * QUARTER)) continue;
          const cost = overlap(s, len);
          if (cost < bestCost) {
            best = { start: s, end: s + len * QUARTER, full: len === full };
            bestCost = cost;
            if (cost === 0) break; // the earliest start that is in nobody's way
          }
        }
        if (best) return best;
      }
    }
    return null;
  };
  // Droppable habits yield to more urgent tasks; the others take the window first.
  // A habit that may not be dropped takes its full length over urgent tasks' room before it is squeezed.
  const fit = (d: HabitDay): Fit | null => (h.droppable ? fitIn(d, 1) : fitIn(d, 0));

  const why = (d: HabitDay): HabitMiss => {
    const label = formatDay(d.day);
    const base = { habitId: h.id, day: isoDay(d.day) };
    if (d.slots.length < min || !d.slots.some((s, i) => d.slots[i + min - 1] === s + (min - 1) * QUARTER)) {
      return d.partial
        ? { ...base, reason: 'window-passed', detail: `${label}: window ${window} has begun, too little of it is left` }
        : {
            ...base,
            reason: 'window-too-short',
            detail: `${label}: window ${window} is shorter than ${h.durationMinutes} min that day`,
          };
    }
    if (fitIn(d, 0))
      return { ...base, reason: 'crowded-out', detail: `${label}: window ${window} taken by more urgent tasks` };
    return { ...base, reason: 'window-full', detail: `${label}: window ${window} fully booked` };
  };

  const blocks: PlannedBlock[] = [];
  const misses: HabitMiss[] = [];
  const take = (f: Fit): void => {
    blocks.push({ id: previousId(previous, h.id, f), taskId: h.id, start: f.start, end: f.end });
    hard.add([f]);
  };

  if (h.frequency.kind !== 'timesPerWeek') {
    for (const d of days) {
      if (doneDays.has(d.day)) continue;
      const f = fit(d);
      if (f) take(f);
      else misses.push(why(d));
    }
    return { blocks, misses };
  }

  const times = h.frequency.times;
  const weeks = new Map<number, HabitDay[]>();
  for (const d of days) {
    const w = weekOf(d.day);
    weeks.set(w, [...(weeks.get(w) ?? []), d]);
  }
  for (const [week, list] of weeks) {
    const taken = [...doneDays].filter((d) => weekOf(d) === week);
    let need = times - taken.length;
    const fits = new Map<number, Fit>();
    for (const d of list) {
      if (doneDays.has(d.day)) continue;
      const f = fit(d);
      if (f) fits.set(d.day, f);
    }
    const byDay = new Map(list.map((d) => [d.day, d]));
    const pick = (day: number): void => {
      // Checked again: a block taken on the day before may reach across midnight with its buffer.
      const f = fit(byDay.get(day)!);
      fits.delete(day);
      if (!f) return;
      take(f);
      taken.push(day);
      need--;
    };
    // Kept proposals first (stability), then the longest fit (a full session
    // beats a squeezed one), the day farthest from those taken on equal length.
    for (const day of [...fits.keys()]) if (need > 0 && previous.get(day)?.start === fits.get(day)!.start) pick(day);
    while (need > 0 && fits.size > 0) {
      let best = -1;
      let bestScore = -Infinity;
      for (const [day, f] of fits) {
        const dist = taken.length ? Math.min(...taken.map((t) => Math.abs(t - day))) : 0;
        const score = ((f.end - f.start) / QUARTER) * 16 + dist; // dist ≤ 6 days
        if (score > bestScore) {
          bestScore = score;
          best = day;
        }
      }
      pick(best);
    }
    // Only a week wholly inside the plan can be judged short: days before now
    // may have had it, days past the horizon are planned later.
    if (need > 0 && week > firstDay && week + 6 <= lastDay) {
      misses.push({
        habitId: h.id,
        day: isoDay(week),
        reason: 'not-enough-days',
        detail: `week of ${formatDay(week)}: ${times - need} of ${times} placed, window ${window} fully booked on the other days`,
      });
    }
  }
  return { blocks, misses };
}

function previousId(previous: Map<number, PlannedBlock>, habitId: string, f: Interval): string {
  for (const p of previous.values()) if (p.start === f.start && p.end === f.end) return p.id;
  return proposalIdFor(habitId, f.start, f.end);
}
