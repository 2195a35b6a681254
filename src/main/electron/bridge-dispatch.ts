// The main-process half of `window.calsync.invoke`: validates the operation
// name and its input against the shared zod tables, runs it, and returns an
// ApiResult. Nothing is thrown across IPC (Electron would keep only the
// message of an Error), so every failure becomes `{ok: false, error}` data.
import type { z } from 'zod';
import type { ApiResult, CalsyncApi } from '../../shared/api';
import { isShellOp, shellInputs, type ShellOp, type ShellOutputs } from '../../shared/bridge';
import { AppError, isAppError, toErrorData } from '../../shared/errors';
import { isApiOp, parseInput } from '../core/api/validated-api';

export type ShellOps = { [K in ShellOp]: (input: z.output<(typeof shellInputs)[K]>) => Promise<ShellOutputs[K]> };

export interface DispatchDeps {
  api: CalsyncApi;
  shell: ShellOps;
  /** Unexpected (non-AppError) failures, for the log. */
  onInternalError?: (op: string, error: unknown) => void;
}

export async function dispatchBridgeCall(deps: DispatchDeps, op: unknown, input: unknown): Promise<ApiResult<unknown>> {
  const name = typeof op === 'string' ? op : '';
  try {
    if (isApiOp(name)) {
      const parsed = parseInput(name, input);
      return { ok: true, value: await (deps.api[name] as (i: unknown) => Promise<unknown>)(parsed) };
    }
    if (isShellOp(name)) {
      const parsed = shellInputs[name].safeParse(input ?? {});
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
        throw new AppError('bad-input', `invalid input for ${name}: ${detail}`);
      }
      return { ok: true, value: await (deps.shell[name] as (i: unknown) => Promise<unknown>)(parsed.data) };
    }
    // Only a string is quoted back: String() of an arbitrary value can throw (a null-prototype object).
    throw new AppError('bad-input', `unknown operation ${typeof op === 'string' ? JSON.stringify(op.slice(0, 60)) : `(${op === null ? 'null' : typeof op}, not a name)`}`);
  } catch (e) {
    if (!isAppError(e)) deps.onInternalError?.(name, e);
    return { ok: false, error: toErrorData(e) };
  }
}
