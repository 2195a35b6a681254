// The app:// protocol that serves the renderer. Registered as standard +
// secure before `ready` (so the page gets a real origin, a secure context and
// relative asset URLs), then handled from the built files after it.
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { rendererResponse } from './renderer-files';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string | null): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url, request.method));
}
