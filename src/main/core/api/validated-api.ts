// Wraps an implementation so that every call, whatever transport it came by,
// is validated against the contract's zod schema first.
import { apiInputs, type ApiOp, type ApiParsedInput, type ApiOutputs, type CalsyncApi } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { issuesText } from '../../../shared/zod-issues';

export type ApiImpl = { [K in ApiOp]: (input: ApiParsedInput<K>) => Promise<ApiOutputs[K]> };

export function parseInput<K extends ApiOp>(op: K, input: unknown): ApiParsedInput<K> {
  const parsed = apiInputs[op].safeParse(input ?? {});
  if (!parsed.success) {
    throw new AppError('bad-input', `invalid input for ${op}: ${issuesText(parsed.error)}`);
  }
  return parsed.data as ApiParsedInput<K>;
}

/** `onError` sees every failure on its way out (the store notes a damaged file there); it must not throw. */
export function validatedApi(impl: ApiImpl, hooks: { onError?: (e: unknown) => void } = {}): CalsyncApi {
  const api = {} as Record<ApiOp, (input: unknown) => Promise<unknown>>;
  for (const op of Object.keys(apiInputs) as ApiOp[]) {
    api[op] = async (input: unknown) => {
      try {
        return await (impl[op] as (i: unknown) => Promise<unknown>)(parseInput(op, input));
      } catch (e) {
        hooks.onError?.(e);
        throw e;
      }
    };
  }
  return api as CalsyncApi;
}

export function isApiOp(name: string): name is ApiOp {
  return Object.prototype.hasOwnProperty.call(apiInputs, name);
}

/** The same words on every transport for a name the contract (or the shell) does not have. */
export function unknownOperation(op: unknown): AppError {
  // Only a string is quoted back: String() of an arbitrary value can throw (a null-prototype object).
  return new AppError(
    'unknown-operation',
    `unknown operation ${typeof op === 'string' ? JSON.stringify(op.slice(0, 60)) : `(${op === null ? 'null' : typeof op}, not a name)`}`,
  );
}
