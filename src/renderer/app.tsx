// The window: navigation between the six pages, the user's zone and the
// host's capabilities for every page, and the connection state of the API.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { rememberZone } from './api/zone-memory';
import type { ConnectionState } from './api/http-bridge';
import { DemoBadge } from './components/demo-badge';
import { Loading } from './components/notices';
import { SkipLink } from './components/skip-link';
import { ZoneProvider } from './format/zone-context';
import { CapabilitiesProvider } from './hooks/capabilities';
import { useClient } from './hooks/client-context';
import { useApi } from './hooks/use-api';
import { ActivityPage } from './pages/activity/activity-page';
import { SettingsPage } from './pages/settings/settings-page';
import { StatusPage } from './pages/status/status-page';
import { preloadablePage, type PreloadablePage } from './preloadable-page';
import { usePage, PAGES, type PageId } from './use-page';

// The Plan page (its week is drawn without a calendar library) and the Tasks page (its habit form checks
// its input with the engine's zod schemas) each load as their own chunk, at once when the window opens on
// that page, else when the browser is idle.
const planPage = preloadablePage(() => import('./pages/plan/plan-page').then((m) => m.PlanPage));
const tasksPage = preloadablePage(() => import('./pages/tasks/tasks-page').then((m) => m.TasksPage));
// Insights draws with recharts: its own chunk, loaded when the page is first opened.
const LazyInsightsPage = lazy(() =>
  import('./pages/insights/insights-page').then((m) => ({ default: m.InsightsPage })),
);
const openingOn = window.location.hash;
for (const [hash, page] of [
  ['#/plan', planPage],
  ['#/tasks', tasksPage],
] as const) {
  if (openingOn.startsWith(hash)) void page.preload();
  else setTimeout(() => void page.preload().catch(() => undefined), 1500); // the visit retries and shows the error
}

/** A page of its own chunk: drawn directly once the chunk is in, else behind a loading line. */
function Preloaded({ page, what }: { page: PreloadablePage<object>; what: string }) {
  const Page = page.loaded();
  return Page ? (
    <Page />
  ) : (
    <Suspense fallback={<Loading what={what} />}>
      <page.Lazy />
    </Suspense>
  );
}

export function App() {
  const client = useClient();
  const [page, go] = usePage();
  const settings = useApi('getSettings', {});
  const caps = useApi('shellCapabilities', {});
  const [zone, setZone] = useState<string | null>(null);
  const [conn, setConn] = useState<ConnectionState>('open');
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => client.onConnection(setConn), [client]);
  useEffect(() => {
    if (!settings.value) return;
    setZone(settings.value.timeZone);
    // Next time the window opens on the Plan, its week can be asked for before the settings come back.
    rememberZone(settings.value.timeZone);
  }, [settings.value]);
  // Move focus to the new page's heading so screen readers announce it (not on first load).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [page]);

  const title = PAGES.find((p) => p.id === page)!.title;
  const content = (id: PageId) => {
    switch (id) {
      case 'status':
        return <StatusPage onNavigate={go} />;
      case 'activity':
        return <ActivityPage />;
      case 'plan':
        return <Preloaded page={planPage} what="the week" />;
      case 'tasks':
        return <Preloaded page={tasksPage} what="your tasks" />;
      case 'insights':
        return (
          <Suspense fallback={<Loading what="the insights" />}>
            <LazyInsightsPage />
          </Suspense>
        );
      case 'settings':
        return (
          <SettingsPage
            onSaved={(s) => {
              setZone(s.timeZone);
              rememberZone(s.timeZone);
            }}
          />
        );
    }
  };

  return (
    <CapabilitiesProvider value={caps.value}>
      <ZoneProvider zone={zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}>
        <SkipLink target="main">Skip to content</SkipLink>
        <header className="app-header">
          <span className="brand">calsync</span>
          <DemoBadge />
          <nav aria-label="Pages">
            <ul>
              {PAGES.map((p) => (
                <li key={p.id}>
                  <a href={`#/${p.id}`} aria-current={page === p.id ? 'page' : undefined} onClick={() => go(p.id)}>
                    {p.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {client.missingToken && (
          <p className="banner error" role="alert">
            This window has no access token. Open the full link that <code>calsync serve</code> printed (it ends in{' '}
            <code>#token=…</code>).
          </p>
        )}
        {conn === 'token-rejected' && !client.missingToken && (
          <p className="banner error" role="alert" data-testid="token-rejected">
            <code>calsync serve</code> restarted — open the new link it printed (this window's access token is no longer
            valid).
          </p>
        )}
        {conn === 'lost' && (
          <p className="banner warning" role="alert">
            Lost the connection to calsync. Reconnecting…
          </p>
        )}
        <main id="main" tabIndex={-1}>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {/* Pages start once the user's zone is known, so a week is never computed in the browser's zone first. */}
          {zone === null && settings.state === 'loading' ? <Loading what="calsync" /> : content(page)}
        </main>
      </ZoneProvider>
    </CapabilitiesProvider>
  );
}
