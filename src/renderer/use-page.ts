// Which page is shown, kept in the URL fragment (#/plan) so reload and the
// back button work. The access token was taken out of the fragment before.
import { useCallback, useEffect, useState } from 'react';

export const PAGES = [
  { id: 'status', title: 'Status' },
  { id: 'activity', title: 'Activity' },
  { id: 'plan', title: 'Plan' },
  { id: 'tasks', title: 'Tasks' },
  { id: 'insights', title: 'Insights' },
  { id: 'settings', title: 'Settings' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

function fromHash(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return (PAGES.find((p) => p.id === id)?.id ?? 'status') as PageId;
}

export function usePage(): [PageId, (p: PageId) => void] {
  const [page, setPage] = useState<PageId>(fromHash);
  useEffect(() => {
    const on = () => setPage(fromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = useCallback((p: PageId) => {
    if (window.location.hash !== `#/${p}`) window.location.hash = `/${p}`;
    setPage(p);
  }, []);
  return [page, go];
}
