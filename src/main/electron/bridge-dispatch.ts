// The main-process half of `window.calsync.invoke`, in one function: who may
// call (only the app's own top frame), which operation (a contract or shell
// op), then the call itself. Input is validated once: contract operations by
// the API (validatedApi), shell operations here against their zod table.
// Nothing is thrown across IPC (Electron would keep only the message of an
// Error), so every failure becomes `{ok: false, error}` data, logged by
// reportFailure like on the other transports.
import type { z } from 'zod';
import type { ApiResult, CalsyncApi } from '../../shared/api';
import { isShellOp, shellInputs, type ShellOp, type ShellOutputs } from '../../shared/bridge';
import { AppError } from '../../shared/errors';
import { issuesText } from '../../shared/zod-issues';
import { reportFailure } from '../core/api/failure-report';
import { isApiOp, unknownOperation } from '../core/api/validated-api';
import type { Logger } from '../core/log/logger';
import { isTrustedSender, type SenderFrameLike } from './ipc-guard';

export type ShellOps = { [K in ShellOp]: (input: z.output<(typeof shellInputs)[K]>) => Promise<ShellOutputs[K]> };

export interface DispatchDeps {
  /** The validated API (validatedApi): it parses the input of every contract operation. */
  api: CalsyncApi;
  shell: ShellOps;
  log: Logger;
}

export const REFUSED_MESSAGE = 'calls are accepted only from the calsync window';

export async function handleInvoke(
  deps: DispatchDeps,
  frame: SenderFrameLike | null | undefined,
  op: unknown,
  input: unknown,
): Promise<ApiResult<unknown>> {
  const name = typeof op === 'string' ? op : '';
  // The refused frame's address is for the log, not for the answer.
  if (!isTrustedSender(frame))
    return {
      ok: false,
      error: reportFailure(deps.log, 'ipc', name, new AppError('refused', REFUSED_MESSAGE), {
        frame: frame?.url ?? null,
      }),
    };
  try {
    if (isApiOp(name)) return { ok: true, value: await (deps.api[name] as (i: unknown) => Promise<unknown>)(input) };
    if (isShellOp(name)) {
      const parsed = shellInputs[name].safeParse(input ?? {});
      if (!parsed.success) {
        throw new AppError('bad-input', `invalid input for ${name}: ${issuesText(parsed.error)}`);
      }
      return { ok: true, value: await (deps.shell[name] as (i: unknown) => Promise<unknown>)(parsed.data) };
    }
    throw unknownOperation(op);
  } catch (e) {
    return { ok: false, error: reportFailure(deps.log, 'ipc', name, e) };
  }
}
