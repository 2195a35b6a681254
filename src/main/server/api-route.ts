// POST /api/<op>: one contract operation per request. The input is validated
// by the API itself (validatedApi); errors come back as data, with the status
// error-map.ts gives their code, and are logged by reportFailure.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CalsyncApi } from '../../shared/api';
import { errorRoute } from '../../shared/error-map';
import { reportFailure } from '../core/api/failure-report';
import { isApiOp, unknownOperation } from '../core/api/validated-api';
import type { Logger } from '../core/log/logger';
import { BodyError, readJsonBody, sendError, sendJson } from '../core/loopback/json-io';

export async function handleApiCall(
  api: CalsyncApi,
  log: Logger,
  op: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isApiOp(op)) return sendFailure(res, log, op, unknownOperation(op));
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    // 405 is about HTTP's envelope, not the operation: no other transport has methods.
    return sendError(res, 405, { code: 'bad-input', message: `use POST for /api/${op}` });
  }
  let input: unknown;
  try {
    input = await readJsonBody(req);
  } catch (e) {
    if (!(e instanceof BodyError)) throw e;
    // Whatever is still coming is not read: close the connection after answering.
    if (e.status === 413) res.setHeader('Connection', 'close');
    return sendError(res, e.status, { code: e.code, message: e.message });
  }
  try {
    const value = await (api[op] as (i: unknown) => Promise<unknown>)(input);
    sendJson(res, 200, { ok: true, value });
  } catch (e) {
    sendFailure(res, log, op, e);
  }
}

/** Any failure of a call, logged and answered with its code's status. */
export function sendFailure(res: ServerResponse, log: Logger, op: string, e: unknown): void {
  const error = reportFailure(log, 'http', op, e);
  sendError(res, errorRoute(error.code).http, error);
}
