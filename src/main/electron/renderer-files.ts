// Serves the built renderer (out/renderer) for the app protocol. Paths are
// resolved inside the root and checked, so "/../" or an encoded variant can
// never reach another file; every response carries the CSP.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { RENDERER_CSP, rendererContentType } from '../../shared/renderer-assets';
import { APP_HOST, APP_SCHEME } from './app-origin';

export { RENDERER_CSP };

const MISSING_BUILD = `<!doctype html><meta charset="utf-8"><title>calsync</title>
<p>The calsync window has not been built. Run <code>npm start</code> from the checkout (it builds it), or <code>npm run build</code>.</p>`;

/** The decoded path of an app-protocol URL, or null when the URL is not ours. */
function appPathname(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  try {
    const pathname = decodeURIComponent(url.pathname);
    return pathname.includes('\0') ? null : pathname;
  } catch {
    return null;
  }
}

/** The file a request URL names inside root, or null when it is not ours or escapes root. */
export function resolveRendererPath(root: string, requestUrl: string): string | null {
  const pathname = appPathname(requestUrl);
  if (pathname === null) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(base + path.sep) ? file : null;
}

export async function rendererResponse(root: string | null, requestUrl: string, method = 'GET'): Promise<Response> {
  const headers = { 'Content-Security-Policy': RENDERER_CSP, 'X-Content-Type-Options': 'nosniff' };
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405, headers });
  if (root === null) {
    const pathname = appPathname(requestUrl);
    return pathname === '/' || pathname === '/index.html'
      ? new Response(MISSING_BUILD, {
          status: 200,
          headers: { ...headers, 'Content-Type': rendererContentType('.html') },
        })
      : new Response('not found', { status: 404, headers });
  }
  let file = resolveRendererPath(root, requestUrl);
  if (file === null) return new Response('not found', { status: 404, headers });
  // A client-side route ("/plan") reloaded in place gets the app's entry page.
  if (!(await isFile(file)) && path.extname(file) === '') file = path.join(path.resolve(root), 'index.html');
  if (!(await isFile(file))) return new Response('not found', { status: 404, headers });
  const type = rendererContentType(path.extname(file));
  const body = method === 'HEAD' ? null : await readFile(file);
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': type } });
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}
