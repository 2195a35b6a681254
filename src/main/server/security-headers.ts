// Headers on every response. The CSP allows only our own files: no inline
// script, no eval, no remote anything, and no framing (clickjacking).
import type { ServerResponse } from 'node:http';

import { RENDERER_CSP } from '../../shared/renderer-assets';

export const CONTENT_SECURITY_POLICY = RENDERER_CSP;

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
