// Moving and resizing a proposed block with the pointer: the block follows in quarter hours (the planner's
// grid) and across day columns; on release the view reports the new wall-clock times and the engine
// decides (acceptProposalAt). The block's offset from the quarter hour is kept, so a drag of N quarters
// moves it by exactly N × 15 minutes. Escape cancels. Only the dragged block's ghost is redrawn per move.
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { DAY_MINUTES, dragged, snapped, type DragMode } from './week-layout';

/** Pixels the pointer must travel before a press becomes a drag (a click stays a click). */
const THRESHOLD = 4;

export interface Ghost {
  id: string;
  day: number;
  startMin: number;
  endMin: number;
}

interface Press {
  id: string;
  mode: DragMode;
  x: number;
  y: number;
  day: number;
  startMin: number;
  endMin: number;
  columns: DOMRect[];
  started: boolean;
}

/**
 * `columns()` gives the day columns' elements (for their bounds); `onDrop` gets the block's id, the day
 * column it landed in and its new minutes. A press that never became a drag is left to the click.
 */
export function useBlockDrag(
  columns: () => HTMLElement[],
  onDrop: (id: string, day: number, startMin: number, endMin: number) => void,
) {
  const [ghost, setGhost] = useState<Ghost | null>(null);
  const press = useRef<Press | null>(null);
  // A drag ends in a click on the block: that one selects nothing.
  const swallowClick = useRef(false);
  const stop = useRef<() => void>(() => undefined);
  useEffect(() => () => stop.current(), []);

  const begin = useCallback(
    (e: ReactPointerEvent, id: string, mode: DragMode, day: number, startMin: number, endMin: number) => {
      if (e.button !== 0) return;
      if (mode === 'resize') e.stopPropagation();
      stop.current();
      swallowClick.current = false;
      const rects = columns().map((c) => c.getBoundingClientRect());
      press.current = { id, mode, x: e.clientX, y: e.clientY, day, startMin, endMin, columns: rects, started: false };
      const at = (ev: PointerEvent): Ghost | null => {
        const p = press.current;
        const rect = p?.columns[p.day];
        if (!p || !rect) return null;
        const [s, en] = dragged(p.mode, p.startMin, p.endMin, snapped(ev.clientY - p.y, rect.height / DAY_MINUTES));
        let col = p.day;
        if (p.mode === 'move') {
          const i = p.columns.findIndex((r) => ev.clientX >= r.left && ev.clientX < r.right);
          if (i >= 0) col = i;
          else if (ev.clientX < p.columns[0]!.left) col = 0;
          else if (ev.clientX >= p.columns[p.columns.length - 1]!.right) col = p.columns.length - 1;
        }
        return { id: p.id, day: col, startMin: s, endMin: en };
      };
      const move = (ev: PointerEvent) => {
        const p = press.current;
        if (!p) return;
        if (!p.started && Math.hypot(ev.clientX - p.x, ev.clientY - p.y) < THRESHOLD) return;
        p.started = true;
        setGhost(at(ev));
      };
      const up = (ev: PointerEvent) => {
        const p = press.current;
        const g = p?.started ? at(ev) : null;
        end();
        if (!g || !p) return;
        swallowClick.current = true;
        // The click that follows the release (if any) comes in this same task; one on another block later does not.
        setTimeout(() => (swallowClick.current = false), 0);
        if (g.day !== p.day || g.startMin !== p.startMin || g.endMin !== p.endMin)
          onDrop(g.id, g.day, g.startMin, g.endMin);
      };
      const key = (ev: KeyboardEvent) => {
        if (ev.key === 'Escape' && press.current?.started) end();
      };
      const end = () => {
        press.current = null;
        setGhost(null);
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', end);
        window.removeEventListener('keydown', key);
        stop.current = () => undefined;
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', end);
      window.addEventListener('keydown', key);
      stop.current = end;
    },
    [columns, onDrop],
  );

  /** True (once) when the click that follows a drag should be ignored. */
  const afterDrag = useCallback(() => {
    const was = swallowClick.current;
    swallowClick.current = false;
    return was;
  }, []);

  return { ghost, begin, afterDrag };
}
