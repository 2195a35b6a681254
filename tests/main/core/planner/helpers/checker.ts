// An independent judge of plan(): it re-derives every hard rule and every
// reason from the raw input with its own (slow, simple) code — Intl for the
// wall clock, quarter-by-quarter scans, a memoised recursion for "would it
// fit alone" — and returns the list of violations.
import type { PlanInput, PlanOutput, PlannerTask } from '../../../../../src/main/core/planner/types';
import { wallAt, whenLabel } from './wall';

const MIN = 60_000;
const Q = 15 * MIN;
const DAY = 86_400_000;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const hm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export function fmt(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 === 0
    ? `${Math.floor(minutes / 60)}h`
    : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
}

function rangesOf(input: PlanInput, weekday: number): Array<[number, number]> {
  return (input.workingHours[DAYS[weekday]!] ?? []).map(([a, b]) => [hm(a), hm(b)]);
}

/** Every minute of [a, a + 15 min) reads, on the local wall clock, inside a working range of its own day. */
export function workingQuarter(input: PlanInput, a: number): boolean {
  const tz = input.timeZone;
  const w0 = wallAt(tz, a);
  const w1 = wallAt(tz, a + Q - MIN);
  const covered = (weekday: number, from: number, to: number): boolean =>
    rangesOf(input, weekday).some(([s, e]) => s <= from && to <= e);
  if (w0.offsetMinutes === w1.offsetMinutes && w0.day === w1.day && w1.minute === w0.minute + 14) {
    return covered(w0.weekday, w0.minute, w0.minute + 15);
  }
  for (let t = a; t < a + Q; t += MIN) {
    const w = wallAt(tz, t);
    if (!covered(w.weekday, w.minute, w.minute + 1)) return false;
  }
  return true;
}

export interface Facts {
  task: PlannerTask;
  invalid: boolean;
  need: number; // slots
  minLen: number;
  maxLen: number;
  windowStart: number;
  windowEnd: number;
  /** Working quarters in the window, ignoring busy time. */
  working: number[];
  /** Quarters this task could use if it were alone. */
  free: number[];
  /** Quarters it could use but for the user's rejections of its blocks. */
  rejected: number[];
}

export function horizon(input: PlanInput): { planStart: number; horizonEnd: number } {
  return { planStart: input.now + input.leadTimeMinutes * MIN, horizonEnd: input.now + input.horizonDays * DAY };
}

export function factsFor(input: PlanInput): Map<string, Facts> {
  const { planStart, horizonEnd } = horizon(input);
  const buf = input.bufferMinutes * MIN;
  const own = new Set(input.accepted.map((a) => a.googleEventId).filter(Boolean));
  const busy = [...input.busy.filter((b) => !(b.eventId && own.has(b.eventId))), ...input.accepted];
  const ids = input.tasks.map((t) => t.id);
  const out = new Map<string, Facts>();
  for (const task of input.tasks) {
    const invalid =
      ids.filter((x) => x === task.id).length > 1 ||
      !(task.durationMinutes > 0) ||
      Math.ceil(task.minChunkMinutes / 15) > Math.floor(task.maxChunkMinutes / 15) ||
      (task.due !== null && task.earliest !== null && task.earliest >= task.due);
    const acceptedMs = input.accepted.filter((a) => a.taskId === task.id).reduce((s, a) => s + a.end - a.start, 0);
    const need = invalid ? 0 : Math.ceil(Math.max(0, task.durationMinutes * MIN - acceptedMs) / Q);
    const windowStart = Math.max(task.earliest ?? -Infinity, planStart);
    const windowEnd = Math.min(task.due ?? Infinity, horizonEnd);
    const working: number[] = [];
    const free: number[] = [];
    const rejected: number[] = [];
    for (let q = Math.ceil(windowStart / Q) * Q; q + Q <= windowEnd; q += Q) {
      if (wallAt(input.timeZone, q).offsetMinutes % 15 !== 0) throw new Error('checker assumes quarter-hour offsets');
      if (!workingQuarter(input, q)) continue;
      working.push(q);
      if (busy.some((b) => b.start - buf < q + Q && b.end + buf > q)) continue;
      if (input.rejected.some((r) => r.taskId === task.id && r.start < q + Q && r.end > q)) {
        rejected.push(q);
        continue;
      }
      if (input.accepted.some((a) => a.taskId === task.id && (a.end === q || a.start === q + Q))) continue;
      free.push(q);
    }
    const minLen = Math.min(Math.ceil(task.minChunkMinutes / 15), need);
    out.set(task.id, {
      task,
      invalid,
      need,
      minLen,
      maxLen: Math.floor(task.maxChunkMinutes / 15),
      windowStart,
      windowEnd,
      working,
      free,
      rejected,
    });
  }
  return out;
}

/** Runs of back-to-back quarters, as lengths. */
export function runs(slots: number[]): number[] {
  const out: number[] = [];
  slots.forEach((s, i) => {
    if (i > 0 && s === slots[i - 1]! + Q) out[out.length - 1]! += 1;
    else out.push(1);
  });
  return out;
}

/**
 * Most of `need` a task could place with no other task around, keeping its
 * own `fixed` blocks (memoised recursion over free quarters).
 */
export function aloneMax(f: Facts, bufferMinutes: number, fixed: Array<{ start: number; end: number }> = []): number {
  const gap = Math.max(bufferMinutes * MIN, 1);
  const base = fixed.reduce((n, b) => n + (b.end - b.start) / Q, 0);
  const s = f.free.filter((q) => fixed.every((b) => q >= b.end + gap || q + Q <= b.start - gap));
  const memo = new Map<number, number>();
  const best = (i: number, rem: number): number => {
    if (i >= s.length || rem < f.minLen) return 0;
    const key = i * 10_000 + rem;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let v = best(i + 1, rem);
    let len = 1;
    while (len < Math.min(f.maxLen, rem) && s[i + len] === s[i]! + len * Q) len++;
    for (let l = f.minLen; l <= len; l++) {
      const end = s[i]! + l * Q;
      let j = i + l;
      while (j < s.length && s[j]! < end + gap) j++;
      v = Math.max(v, l + best(j, rem - l));
      if (v === rem) break;
    }
    memo.set(key, v);
    return v;
  };
  return base + best(0, f.need - base);
}

export function checkPlan(input: PlanInput, out: PlanOutput): string[] {
  const bad: string[] = [];
  const facts = factsFor(input);
  const buf = input.bufferMinutes * MIN;
  const placed = new Map<string, number>();
  const ids = new Set<string>();
  for (const p of out.proposals) {
    const f = facts.get(p.taskId);
    const at = `${p.taskId} ${new Date(p.start).toISOString()}–${new Date(p.end).toISOString()}`;
    if (ids.has(p.id)) bad.push(`duplicate proposal id ${p.id}`);
    ids.add(p.id);
    if (!f || f.invalid) {
      bad.push(`proposal for unknown or invalid task: ${at}`);
      continue;
    }
    const w0 = wallAt(input.timeZone, p.start);
    const w1 = wallAt(input.timeZone, p.end);
    if (w0.minute % 15 || w1.minute % 15 || w0.second || w1.second) bad.push(`not on local quarter hours: ${at}`);
    const len = (p.end - p.start) / Q;
    if (!Number.isInteger(len) || len < f.minLen || len > f.maxLen)
      bad.push(`chunk length ${len * 15} min outside [${f.minLen * 15}, ${f.maxLen * 15}]: ${at}`);
    const free = new Set(f.free);
    for (let q = p.start; q < p.end; q += Q) {
      if (!free.has(q)) {
        bad.push(
          `uses a quarter that is not free for this task (window, working hours, busy ± buffer, rejected): ${at} at ${new Date(q).toISOString()}`,
        );
        break;
      }
    }
    placed.set(p.taskId, (placed.get(p.taskId) ?? 0) + Math.max(0, len));
  }
  const sorted = [...out.proposals].sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < a.end + Math.max(buf, 1); j++) {
      const b = sorted[j]!;
      if (b.start < a.end) bad.push(`overlap: ${a.taskId} and ${b.taskId} at ${new Date(b.start).toISOString()}`);
      else if (b.start < a.end + buf)
        bad.push(`buffer broken between ${a.taskId} and ${b.taskId} at ${new Date(b.start).toISOString()}`);
      else if (a.taskId === b.taskId) bad.push(`two blocks of ${a.taskId} touch at ${new Date(b.start).toISOString()}`);
    }
  }
  for (const [id, n] of placed)
    if (n > facts.get(id)!.need) bad.push(`${id}: placed ${n * 15} min, needs only ${facts.get(id)!.need * 15}`);
  bad.push(...checkReasons(input, out, facts, placed));
  return bad;
}

function checkReasons(
  input: PlanInput,
  out: PlanOutput,
  facts: Map<string, Facts>,
  placed: Map<string, number>,
): string[] {
  const bad: string[] = [];
  const { planStart, horizonEnd } = horizon(input);
  const seen = new Set<string>();
  // Proposals kept from last plan bind their own task too.
  const previous = new Set(input.previous.map((p) => `${p.id}|${p.taskId}|${p.start}|${p.end}`));
  const keptOf = (taskId: string): PlanOutput['proposals'] =>
    out.proposals.filter((p) => p.taskId === taskId && previous.has(`${p.id}|${p.taskId}|${p.start}|${p.end}`));
  for (const u of out.unscheduled) {
    const f = facts.get(u.taskId);
    if (!f) {
      bad.push(`unscheduled entry for unknown task ${u.taskId}`);
      continue;
    }
    if (seen.has(u.taskId) && !f.invalid) bad.push(`two unscheduled entries for ${u.taskId}`);
    seen.add(u.taskId);
    const got = placed.get(u.taskId) ?? 0;
    const claim = (ok: boolean, why: string): void =>
      void (ok || bad.push(`${u.taskId} ${u.reason} is false: ${why} — "${u.detail}"`));
    if (u.reason === 'invalid-task') {
      claim(f.invalid, 'the task is valid');
      continue;
    }
    claim(!f.invalid, 'an invalid task needs invalid-task');
    claim(got < f.need, `fully placed (${got}/${f.need} slots)`);
    if (got > 0) claim(u.detail.includes(`(${fmt(got * 15)} of it planned)`), 'detail must say how much is planned');
    // A short task names the time the user rejected for it, and only then.
    if (f.rejected.length > 0)
      claim(
        u.detail.includes(` for it (${fmt(f.rejected.length * 15)}), so that time is not offered again`),
        `${f.rejected.length} rejected free quarters not mentioned`,
      );
    else claim(!u.detail.includes('you rejected'), 'mentions rejected time the task does not have');
    const { due, earliest } = f.task;
    const free = f.free.length;
    const needs = `needs ${fmt(f.need * 15)}`;
    switch (u.reason) {
      case 'due-passed':
        claim(due !== null && due <= planStart, 'due is after the first possible start');
        if (due !== null && due <= input.now)
          claim(u.detail === `due date already passed (${whenLabel(input.timeZone, due, input.now)})`, 'detail text');
        break;
      case 'earliest-after-horizon':
        claim(earliest !== null && earliest >= horizonEnd, 'earliest is inside the horizon');
        break;
      case 'no-working-hours':
        claim(f.windowStart < f.windowEnd && f.working.length === 0, `window has ${f.working.length} working quarters`);
        break;
      case 'not-enough-time-before-due':
        claim(due !== null && due <= horizonEnd, 'due is beyond the horizon');
        claim(free < f.need, `${free} free quarters ≥ need ${f.need}`);
        claim(
          u.detail.startsWith(
            `${needs} before ${whenLabel(input.timeZone, due!, input.now)}, only ${fmt(free * 15)} free in working hours`,
          ),
          'detail numbers',
        );
        break;
      case 'outside-horizon':
        claim(
          f.windowStart >= f.windowEnd || ((due === null || due > horizonEnd) && free < f.need),
          `free ${free} vs need ${f.need}`,
        );
        if (f.windowStart < f.windowEnd) claim(u.detail.includes(`only ${fmt(free * 15)} free`), 'detail numbers');
        break;
      case 'min-chunk-too-large': {
        claim(free >= f.need, `only ${free} free quarters: not a chunk problem`);
        const alone = Math.min(aloneMax(f, input.bufferMinutes), aloneMax(f, input.bufferMinutes, keptOf(u.taskId)));
        claim(alone < f.need, `fits alone (${alone} of ${f.need})`);
        if (u.detail.includes('larger than every free gap'))
          claim(Math.max(0, ...runs(f.free)) < f.minLen, 'some free gap is long enough');
        if (u.detail.includes('does not split into chunks')) {
          // No k blocks of minLen..maxLen slots add up to the need (or, with
          // kept proposals, to what is left after them).
          const kept = keptOf(u.taskId).reduce((n, p) => n + (p.end - p.start) / Q, 0);
          const amount = u.detail.includes('stays where it was proposed') ? f.need - kept : f.need;
          let splits = false;
          for (let k = 1; k <= amount; k++) splits ||= k * f.minLen <= amount && amount <= k * f.maxLen;
          claim(!splits, `${amount} slots do split into valid chunks`);
        }
        break;
      }
      case 'crowded-out': {
        const alone = aloneMax(f, input.bufferMinutes, keptOf(u.taskId));
        claim(alone >= f.need, `does not fit even alone (${alone} of ${f.need})`);
        // Another task's block, or its buffer, reaches into the window.
        const buffer = input.bufferMinutes * MIN;
        const others = out.proposals.some(
          (p) => p.taskId !== u.taskId && p.start < f.windowEnd + buffer && p.end + buffer > f.windowStart,
        );
        claim(others, 'no other task is planned in its window or within a buffer of it');
        break;
      }
      default:
        bad.push(`unknown reason ${u.reason}`);
    }
  }
  for (const f of facts.values()) {
    const got = placed.get(f.task.id) ?? 0;
    const listed = seen.has(f.task.id);
    if ((f.invalid || got < f.need) && !listed) bad.push(`${f.task.id} is short (${got}/${f.need}) but has no reason`);
    if (!f.invalid && got >= f.need && listed) bad.push(`${f.task.id} is fully placed but listed as unscheduled`);
  }
  const risky = new Set(out.atRisk.map((r) => r.taskId));
  for (const f of facts.values()) {
    const got = placed.get(f.task.id) ?? 0;
    const tight =
      !f.invalid &&
      f.need > 0 &&
      got >= f.need &&
      f.task.due !== null &&
      f.task.due <= horizonEnd &&
      f.free.length < 1.5 * f.need;
    if (tight !== risky.has(f.task.id))
      bad.push(`${f.task.id}: at-risk flag ${risky.has(f.task.id)} but tight=${tight}`);
  }
  return bad;
}
