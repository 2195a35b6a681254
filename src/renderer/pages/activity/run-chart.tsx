// Duration (bars) and changes (line) of the most recent runs, oldest left.
// Plain SVG: a few hundred shapes, no chart library, nothing inline-scripted.
import type { SyncRun } from '../../../shared/domain';
import { formatDateTime, formatDuration } from '../../format/time';
import { useZone } from '../../format/zone-context';
import { runChanges, runDurationMs } from './run-stats';

const W = 720;
const H = 160;
const PAD = { l: 48, r: 48, t: 12, b: 24 };

export function RunChart({ runs, max = 120 }: { runs: SyncRun[]; max?: number }) {
  const zone = useZone();
  const shown = runs.slice(0, max).reverse();
  if (shown.length === 0) return null;
  const durations = shown.map((r) => runDurationMs(r) ?? 0);
  const changes = shown.map((r) => runChanges(r).total);
  const maxD = Math.max(1, ...durations);
  const maxC = Math.max(1, ...changes);
  const innerW = W - PAD.l - PAD.r;
  const innerH = H - PAD.t - PAD.b;
  // At least 40 slots, newest on the right, so a young log does not draw giant bars.
  const slots = Math.max(shown.length, 40);
  const step = innerW / slots;
  const x0 = PAD.l + step * (slots - shown.length);
  const y = (v: number, m: number) => PAD.t + innerH - (v / m) * innerH;
  const line = changes
    .map((c, i) => `${i === 0 ? 'M' : 'L'}${(x0 + step * (i + 0.5)).toFixed(1)},${y(c, maxC).toFixed(1)}`)
    .join(' ');
  const failed = shown.filter((r) => r.status === 'failed').length;
  const label = `Last ${shown.length} runs: longest ${formatDuration(maxD)}, most changes ${maxC.toLocaleString()}, ${failed} failed.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="none">
        <line className="axis" x1={PAD.l} x2={W - PAD.r} y1={PAD.t + innerH} y2={PAD.t + innerH} />
        <text className="axis-label" x={PAD.l - 6} y={PAD.t + 8} textAnchor="end">
          {formatDuration(maxD)}
        </text>
        <text className="axis-label changes" x={W - PAD.r + 6} y={PAD.t + 8}>
          {maxC.toLocaleString()}
        </text>
        {shown.map((r, i) => {
          const d = durations[i]!;
          return (
            <rect
              key={r.id}
              className={`bar bar-${r.status}`}
              x={x0 + step * i + step * 0.15}
              width={Math.max(1, step * 0.7)}
              y={y(d, maxD)}
              height={Math.max(1, (d / maxD) * innerH)}
            >
              <title>{`Run ${r.id}, ${formatDateTime(r.startedAt, zone)}: ${r.status}, ${formatDuration(runDurationMs(r))}, ${changes[i]!.toLocaleString()} changes`}</title>
            </rect>
          );
        })}
        <path className="changes-line" d={line} fill="none" />
        {W - PAD.r - x0 > 300 && (
          <text className="axis-label" x={x0} y={H - 6}>
            {formatDateTime(shown[0]!.startedAt, zone)}
          </text>
        )}
        <text className="axis-label" x={W - PAD.r} y={H - 6} textAnchor="end">
          {formatDateTime(shown.at(-1)!.startedAt, zone)}
        </text>
      </svg>
      <figcaption>
        <span className="legend-bar" aria-hidden="true" /> duration <span className="legend-line" aria-hidden="true" />{' '}
        changes (inserted + updated + deleted)
      </figcaption>
    </figure>
  );
}
