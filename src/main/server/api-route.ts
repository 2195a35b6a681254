// POST /api/<op>: one contract operation per request. The input is validated
// by the API itself (validatedApi); errors come back as data with a status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CalsyncApi } from '../../shared/api';
import { toErrorData } from '../../shared/errors';
import { isApiOp } from '../core/api/validated-api';
import { httpStatusFor } from './http-status';
import { BodyError, readJsonBody, sendError, sendJson } from './json-io';

export async function handleApiCall(api: CalsyncApi, op: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isApiOp(op)) return sendError(res, 404, { code: 'not-found', message: `no operation "${op}"` });
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
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
    const error = toErrorData(e);
    sendError(res, httpStatusFor(error.code), error);
  }
}
