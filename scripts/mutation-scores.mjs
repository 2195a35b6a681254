// Per-folder mutation scores from StrykerJS's JSON reports (reports/mutation/*.json,
// written by `npm run mutate`). A file's figures come from the newest report
// that mutated it, so runs of parts of a folder add up. The score is Stryker's own:
// detected / (detected + undetected), where
// detected = Killed + Timeout and undetected = Survived + NoCoverage;
// compile errors and ignored mutants do not count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'reports/mutation');
const FOLDER = /^src\/main\/core\/([^/]+)\//;
let reports;
try {
  reports = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.incremental.json'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs); // oldest first: newer reports overwrite
} catch {
  console.error(`no reports in ${dir}: run npm run mutate first`);
  process.exit(1);
}
/** folder → file → counts; a file's counts come from the newest report that mutated it. */
const byFolder = new Map();
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const [name, { mutants }] of Object.entries(report.files)) {
    const rel = path.relative(process.cwd(), path.resolve(name)).split(path.sep).join('/');
    const folder = FOLDER.exec(rel)?.[1] ?? '(other)';
    const counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
    for (const m of mutants) {
      if (m.status === 'Killed') counts.killed++;
      else if (m.status === 'Timeout') counts.timeout++;
      else if (m.status === 'Survived') counts.survived++;
      else if (m.status === 'NoCoverage') counts.noCoverage++;
      else counts.other++;
    }
    if (!byFolder.has(folder)) byFolder.set(folder, new Map());
    byFolder.get(folder).set(rel, counts);
  }
}
const pct = (c) => {
  const detected = c.killed + c.timeout;
  const total = detected + c.survived + c.noCoverage;
  return total === 0 ? 'n/a' : `${((100 * detected) / total).toFixed(1)} %`;
};
const verbose = process.argv.includes('--files');
const rows = [['folder', 'score', 'killed', 'timeout', 'survived', 'no coverage', 'files']];
for (const [folder, files] of [...byFolder].sort()) {
  const sum = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  for (const c of files.values()) for (const k of Object.keys(sum)) sum[k] += c[k];
  rows.push([folder, pct(sum), sum.killed, sum.timeout, sum.survived, sum.noCoverage, files.size]);
  if (verbose)
    for (const [f, c] of [...files].sort())
      rows.push([`  ${path.basename(f)}`, pct(c), c.killed, c.timeout, c.survived, c.noCoverage, '']);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const r of rows) console.log(r.map((v, i) => String(v).padEnd(widths[i])).join('  '));
