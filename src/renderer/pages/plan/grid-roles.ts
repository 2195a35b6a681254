// react-big-calendar 1.20 marks up its time grid with table roles it does not
// complete: the all-day lane is a "row" without cells and the day names are
// "columnheader"s outside any row (axe: aria-required-children/-parent, which
// a screen reader reads as a broken table). The week is read through its
// event buttons and the proposal list, not as a table, so these roles are
// dropped. Each element is created with the role once (React does not set a
// constant attribute again), so an observer clears it on whatever mounts.
import { useEffect, type RefObject } from 'react';

const BROKEN = '.rbc-row-content[role="row"], .rbc-time-view [role="rowgroup"], .rbc-header [role="columnheader"]';

function clear(root: Element): void {
  for (const el of root.querySelectorAll(BROKEN)) {
    el.removeAttribute('role');
    el.removeAttribute('aria-sort');
  }
}

export function useGridRoleFix(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    clear(root);
    const observer = new MutationObserver(() => clear(root));
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref]);
}
