// Where the planner and the MILP optimum differ on one instance (issue 18
// item 4): per task and habit, Σ w·minutes of each and the blocks that differ.
// `npx tsx bench/planner-quality-diff.ts base+habits 30 [hard+habits 19 …]`.
import { planWithHabits } from '../src/main/core/planner';
import type { HabitPlanInput } from '../src/main/core/planner/types';
import { qualityInstance } from './planner/generate';
import { habitsFor, hardInstance } from './planner/hard';
import { WEIGHT, buildMilp, habitWeight } from './planner/milp';
import { loadHighs, planAsMilpSolution, type HighsModel } from './planner/score';

const make: Record<string, (s: number) => HabitPlanInput> = {
  base: (s) => ({ ...qualityInstance(s), habits: [] }),
  hard: (s) => ({ ...hardInstance(s), habits: [] }),
  'base+habits': (s) => ({ ...qualityInstance(s), habits: habitsFor(s) }),
  'hard+habits': (s) => ({ ...hardInstance(s), habits: habitsFor(s) }),
};
const highs = await loadHighs();
const args = process.argv.slice(2);
for (let a = 0; a < args.length; a += 2) {
  const family = args[a]!;
  const seed = Number(args[a + 1]);
  const input = make[family]!(seed);
  const out = planWithHabits(input);
  const model = buildMilp(input);
  const start = planAsMilpSolution(out, model);
  const x = highs.withModel({ format: 'lp', data: model.lp }, (m: HighsModel) => {
    m.options.set({ output_flag: false, time_limit: 120, mip_rel_gap: 1e-6, mip_abs_gap: 0.999, presolve: 'off' });
    m.setSolution({ colValue: start });
    m.run();
    return Float64Array.from(
      (m as unknown as { getSolution(): { colValue: ArrayLike<number> } }).getSolution().colValue,
    );
  });
  const fmt = (t: number): string => {
    const d = new Date(t);
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: input.timeZone,
      weekday: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(d);
  };
  const tasks = new Map(input.tasks.map((t) => [t.id, t]));
  const habits = new Map(input.habits.map((h) => [h.id, h]));
  const weightOf = (id: string): number =>
    habits.has(id) ? habitWeight(habits.get(id)!) : WEIGHT[tasks.get(id)!.priority]!;
  const desc = (id: string): string => {
    const t = tasks.get(id);
    if (t)
      return `${id} P${t.priority} ${t.durationMinutes}m chunk ${t.minChunkMinutes}-${t.maxChunkMinutes} due ${t.due === null ? '-' : fmt(t.due)}${t.earliest ? ` from ${fmt(t.earliest)}` : ''}`;
    const h = habits.get(id)!;
    return `${id} P${h.priority}${h.droppable ? '' : ' FIXED'} ${h.durationMinutes}m min ${h.minDurationMinutes ?? '-'} ${JSON.stringify(h.frequency)} ${h.window.start}-${h.window.end}`;
  };
  const key = (id: string, s: number, len: number): string => `${id}|${s}|${len}`;
  const plannerBlocks = new Set<string>();
  for (const p of out.proposals) plannerBlocks.add(key(p.taskId, p.start, (p.end - p.start) / 900_000));
  const milpBlocks = new Set<string>();
  model.blocks.forEach((b, i) => {
    if (x[i]! > 0.5) milpBlocks.add(key(model.taskIds[b.task]!, b.start, b.len));
  });
  const per = new Map<string, { p: string[]; m: string[]; pm: number; mm: number }>();
  const rec = (k: string, side: 'p' | 'm', differs: boolean): void => {
    const [id, s, len] = k.split('|');
    const e = per.get(id!) ?? { p: [], m: [], pm: 0, mm: 0 };
    if (side === 'p') e.pm += Number(len) * 15;
    else e.mm += Number(len) * 15;
    if (differs) e[side].push(`${fmt(Number(s))}+${Number(len) * 15}`);
    per.set(id!, e);
  };
  for (const k of plannerBlocks) rec(k, 'p', !milpBlocks.has(k));
  for (const k of milpBlocks) rec(k, 'm', !plannerBlocks.has(k));
  let gp = 0;
  let gm = 0;
  for (const [id, e] of per) {
    gp += weightOf(id) * e.pm;
    gm += weightOf(id) * e.mm;
  }
  console.log(
    `== ${family} #${seed} ${input.timeZone} now ${fmt(input.now)} buf ${input.bufferMinutes}: planner ${gp}, milp ${gm}, Q ${(gp / gm).toFixed(4)}`,
  );
  const rows = [...per].filter(([, e]) => e.p.length || e.m.length);
  rows.sort((a, b) => weightOf(b[0]) * (b[1].mm - b[1].pm) - weightOf(a[0]) * (a[1].mm - a[1].pm));
  for (const [id, e] of rows)
    console.log(
      `  ${desc(id)}\n     planner ${e.pm}m  milp ${e.mm}m  Δw ${weightOf(id) * (e.mm - e.pm)}\n     planner only: ${e.p.join(', ')}\n     milp only:    ${e.m.join(', ')}`,
    );
  for (const m of out.habitMisses) console.log(`  miss ${m.habitId} ${m.day} ${m.reason} ${m.detail}`);
}
