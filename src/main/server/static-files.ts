// The built renderer (out/renderer), served read-only. Paths are resolved
// inside the root and checked, so "/../" cannot reach other files.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { rendererContentType } from '../../shared/renderer-assets';

const MISSING_BUILD = `<!doctype html><meta charset="utf-8"><title>calsync</title>
<p>The calsync window has not been built. Run <code>npm run build</code>, then reload this page (no need to restart <code>calsync serve</code>). The API is running.</p>`;

export async function serveStatic(root: string | null, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeSafe(new URL(req.url ?? '/', 'http://x').pathname);
  if (root === null) {
    if (pathname !== '/' && pathname !== '/index.html') return notFound(res);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(MISSING_BUILD);
    return;
  }
  if (pathname === null || pathname.includes('\0')) return notFound(res);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound(res);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound(res);
  const type = rendererContentType(path.extname(file));
  // Hashed assets never change; index.html must be fetched fresh to pick up a new build.
  const cache = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': info.size, 'Cache-Control': cache });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

function decodeSafe(p: string): string | null {
  try {
    return decodeURIComponent(p);
  } catch {
    return null;
  }
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
}
