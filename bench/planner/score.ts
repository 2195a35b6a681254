// What the planner benches score and how they get the optimum: the planner's
// weighted on-time minutes, its plan as a MILP solution (a cross-check of the
// two encodings of the rules), and HiGHS' optimum or proven bound.
import type { PlanOutput, PlannerHabit, PlanInput } from '../../src/main/core/planner/types';
import { WEIGHT, habitWeight, type MilpModel } from './milp';

export interface HighsModel {
  options: { set(o: Record<string, unknown>): void };
  getColByName(name: string): number;
  setSolution(s: { colValue: Float64Array }): unknown;
  info: { get(name: string): number | bigint };
  run(): void;
  getModelStatus(): number;
  getObjectiveValue(): number;
}
export interface Highs {
  withModel<R>(source: { format: 'lp'; data: string }, op: (m: HighsModel) => R): R;
  constants: { modelStatus: { optimal: number } };
}

export async function loadHighs(): Promise<Highs> {
  return (await (await import('highs')).default()) as unknown as Highs;
}

/**
 * Σ w·minutes placed (all placed time is on time: checked here) and Σ w·duration
 * of the tasks. Habit blocks count with the MILP's habit weights.
 */
export function plannerScore(
  input: PlanInput & { habits?: PlannerHabit[] },
  out: PlanOutput,
): { got: number; total: number } {
  const byId = new Map(input.tasks.map((t) => [t.id, t]));
  const habits = new Map((input.habits ?? []).map((h) => [h.id, h]));
  let got = 0;
  for (const p of out.proposals) {
    const minutes = (p.end - p.start) / 60_000;
    const h = habits.get(p.taskId);
    if (h) {
      got += habitWeight(h) * minutes;
      continue;
    }
    const t = byId.get(p.taskId)!;
    if (t.due !== null && p.end > t.due) throw new Error(`late block for ${t.id}`);
    got += WEIGHT[t.priority]! * minutes;
  }
  const total = input.tasks.reduce((s, t) => s + WEIGHT[t.priority]! * t.durationMinutes, 0);
  return { got, total };
}

/**
 * Every planner block must be one of the MILP's block variables (same task
 * or habit, start and length): a cross-check of the two encodings of the
 * rules. The result is the planner's plan as a 0/1 vector over the MILP's columns.
 */
export function planAsMilpSolution(out: PlanOutput, model: MilpModel): Float64Array {
  const key = (task: string, start: number, len: number): string => `${task}|${start}|${len}`;
  const column = new Map(model.blocks.map((b, i) => [key(model.taskIds[b.task]!, b.start, b.len), i]));
  const x = new Float64Array(model.blocks.length);
  for (const p of out.proposals) {
    const i = column.get(key(p.taskId, p.start, (p.end - p.start) / (15 * 60_000)));
    if (i === undefined)
      throw new Error(`planner block ${p.taskId} ${new Date(p.start).toISOString()} is not a block the MILP allows`);
    x[i] = 1;
  }
  return x;
}

/**
 * Optimum (or, if the time limit hits, the proven upper bound) of Σ w·minutes.
 * The planner's own plan is handed over as a starting incumbent (it is a
 * feasible MILP solution: planAsMilpSolution found every block); HiGHS still
 * has to prove optimality. Objective coefficients are integers, so a gap
 * below 1 proves it. Presolve is off: on these models it costs more than
 * the whole solve.
 */
export function solveMilp(
  highs: Highs,
  model: MilpModel,
  start: Float64Array,
  timeLimitS: number,
): { best: number; optimal: boolean } {
  if (model.blocks.length === 0) return { best: 0, optimal: true }; // nothing can be placed
  return highs.withModel({ format: 'lp', data: model.lp }, (m) => {
    m.options.set({
      output_flag: false,
      time_limit: timeLimitS,
      mip_rel_gap: 1e-6,
      mip_abs_gap: 0.999,
      presolve: 'off',
    });
    if (m.getColByName('x0') !== 0) throw new Error('unexpected column order in the MILP');
    m.setSolution({ colValue: start });
    m.run();
    const optimal = m.getModelStatus() === highs.constants.modelStatus.optimal;
    const value = optimal ? m.getObjectiveValue() : Number(m.info.get('mip_dual_bound'));
    return { best: value * 15, optimal };
  });
}
