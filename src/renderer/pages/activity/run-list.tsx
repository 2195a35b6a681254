// The sync log as a virtualized table: only the rows in view (plus a few)
// are in the DOM, so ten thousand runs scroll like ten. Rows are measured,
// so an expanded row with its details takes the height it needs.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { SyncRun } from '../../../shared/domain';
import { RunRow } from './run-row';

export function RunList({
  runs,
  complete,
  onNearEnd,
  calendarName,
}: {
  runs: SyncRun[];
  complete: boolean;
  onNearEnd: () => void;
  calendarName: (id: string) => string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const v = useVirtualizer({
    count: runs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 40,
    overscan: 12,
    getItemKey: (i) => runs[i]!.id,
  });
  const items = v.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (!complete && runs.length > 0 && lastIndex >= runs.length - 50) onNearEnd();
  }, [lastIndex, runs.length, complete, onNearEnd]);

  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div
      role="table"
      aria-label="Sync runs, newest first"
      aria-rowcount={complete ? runs.length + 1 : -1}
      className="run-table"
    >
      <div role="rowgroup" className="run-head">
        <div role="row" aria-rowindex={1} className="run-cells">
          <span role="columnheader" className="c-expand">
            <span className="visually-hidden">Details</span>
          </span>
          <span role="columnheader" className="c-status">
            Status
          </span>
          <span role="columnheader" className="c-time">
            Started
          </span>
          <span role="columnheader" className="c-trigger">
            Trigger
          </span>
          <span role="columnheader" className="c-num">
            Duration
          </span>
          <span role="columnheader" className="c-num">
            Changes
          </span>
          <span role="columnheader" className="c-error">
            Error
          </span>
        </div>
      </div>
      <div
        ref={scroller}
        className="run-scroller"
        data-testid="run-scroller"
        tabIndex={0}
        role="rowgroup"
        aria-label="Sync runs (scroll)"
      >
        {/* The scroller is the rows' group (a table allows no other child); this div only sizes the scroll. */}
        <div className="run-body" style={{ height: v.getTotalSize() }}>
          {items.map((item) => {
            const run = runs[item.index]!;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                data-testid="run-row"
                ref={v.measureElement}
                className={`run-row status-${run.status}`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <RunRow
                  run={run}
                  expanded={expanded.has(run.id)}
                  onToggle={() => toggle(run.id)}
                  calendarName={calendarName}
                />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
