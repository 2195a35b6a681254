// The chaos run's table: trials, faults and events by kind, violations.
import type { ChaosReport } from './chaos';

export function formatReport(r: ChaosReport): string {
  const rows: Array<[string, string]> = [
    ['seed', String(r.seed)],
    ['trials run', `${r.trialsRun} of ${r.trialsPlanned} in ${(r.ms / 1000).toFixed(0)} s`],
    ...[...r.scenarios].sort().map(([k, n]): [string, string] => [`  trial: ${k}`, String(n)]),
    ...[...r.events].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]): [string, string] => [`  ${k}`, String(n)]),
    ['invariant violations', String(r.violations.length)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padStart(12)} |`);
  const rule = `|${'-'.repeat(width + 2)}|${'-'.repeat(14)}|`;
  const body = [rule, ...lines, rule].join('\n');
  const shown = r.violations
    .slice(0, 30)
    .map((v) => `  trial ${v.trial} (seed ${v.seed}, ${v.scenario}): ${v.message}`);
  return r.violations.length ? `${body}\n\nviolations:\n${shown.join('\n')}` : body;
}
