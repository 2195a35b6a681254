// Reading a JSON request body within a size limit, and writing JSON answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResult } from '../../../shared/api';
import type { AppErrorData, ErrorCode } from '../../../shared/errors';

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Only application/json: a cross-site HTML form cannot send it without a CORS preflight we never answer. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new BodyError(415, 'bad-input', 'send the input as Content-Type: application/json');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyError(413, 'bad-input', `the body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, 'bad-input', `the body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'bad-input', 'the body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: AppErrorData): void {
  sendJson(res, status, { ok: false, error });
}

/** 503 with a retry hint: a resource limit of the server, not a fault of the request. */
export function sendBusy(res: ServerResponse, message: string): void {
  res.setHeader('Retry-After', '5');
  sendError(res, 503, { code: 'locked', message });
}
