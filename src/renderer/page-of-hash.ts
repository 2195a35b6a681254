// The window's pages and which one a URL fragment (#/plan) shows: read by the
// page hook and, before React starts, by the early calls (api/early-calls.ts),
// so both agree on the page. No React here: the early calls run first.
export const PAGES = [
  { id: 'status', title: 'Status' },
  { id: 'activity', title: 'Activity' },
  { id: 'plan', title: 'Plan' },
  { id: 'tasks', title: 'Tasks' },
  { id: 'insights', title: 'Insights' },
  { id: 'settings', title: 'Settings' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

/** An empty or unknown fragment shows the Status page. */
export function pageOfHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '');
  return PAGES.find((p) => p.id === id)?.id ?? 'status';
}
