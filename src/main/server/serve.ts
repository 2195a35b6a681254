// `calsync serve`: the engine with its jobs, and the window on loopback, until
// SIGINT/SIGTERM. Shutdown closes the streams and the server, then the app,
// which waits for a running sync to end.
import type { CalsyncApp } from '../core/app';
import { startServer, type RunningServer } from './http-server';
import { rendererDirLookup } from './renderer-dir';

export interface ServeOptions {
  port: number;
  /** Called once the server listens, with the window's URL. */
  onListening: (url: string, server: RunningServer) => void;
  signals?: NodeJS.Signals[];
}

export async function serve(app: CalsyncApp, o: ServeOptions): Promise<void> {
  // Listen for the stop signal before anyone can know the URL and send one.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    for (const s of o.signals ?? ['SIGINT', 'SIGTERM']) process.once(s, () => resolve(s));
  });
  const rendererDir = rendererDirLookup();
  if (!rendererDir())
    app.log.warn('the renderer is not built (npm run build); the window shows a placeholder until it is');
  const server = await startServer({
    api: app.api,
    events: app.bus,
    rendererDir,
    port: o.port,
    log: app.log,
  });
  o.onListening(server.url, server);
  await app.startJobs();
  void app.scheduler.catchUp('startup').catch((e: unknown) => app.log.error({ err: e }, 'start-up sync failed'));
  const signal = await stopped;
  app.log.info(`${signal}: shutting down`);
  await server.close();
}
