// Which page is shown, kept in the URL fragment (#/plan) so reload and the
// back button work. The access token was taken out of the fragment before.
import { useCallback, useEffect, useState } from 'react';
import { pageOfHash, type PageId } from './page-of-hash';

export { PAGES, type PageId } from './page-of-hash';

const fromHash = (): PageId => pageOfHash(window.location.hash);

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
