// A page in its own chunk that can be fetched ahead of the first visit: once
// the chunk is in, the page renders directly, because suspending even on a
// settled promise costs React's ~300 ms reveal throttle.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface PreloadablePage<P> {
  /** Starts (or joins) the chunk's download; safe to call any number of times. */
  preload(): Promise<ComponentType<P>>;
  /** The page once its chunk is in, else null (render `Lazy` under Suspense). */
  loaded(): ComponentType<P> | null;
  Lazy: LazyExoticComponent<ComponentType<P>>;
}

export function preloadablePage<P>(load: () => Promise<ComponentType<P>>): PreloadablePage<P> {
  let page: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (p) => (page = p),
      (e: unknown) => {
        pending = null; // a failed download (a restarted server) is tried again on the next visit
        throw e;
      },
    ));
  return { preload, loaded: () => page, Lazy: lazy(() => preload().then((p) => ({ default: p }))) };
}
