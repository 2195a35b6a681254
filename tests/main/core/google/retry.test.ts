import { describe, expect, it } from 'vitest';
import { classifyGoogleError, parseRetryAfter } from '../../../../src/main/core/google/google-errors';
import { backoffDelay, withRetry, type CallContext } from '../../../../src/main/core/google/retry';
import { loadFixture } from '../../../helpers/fixtures';

const httpError = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error('request failed'), { response: { status, data, headers: new Headers(headers) } });

function fakeContext(over: Partial<CallContext> = {}) {
  let now = 0;
  const slept: number[] = [];
  const ctx: CallContext = {
    deadline: 60_000,
    budgetMs: 60_000,
    what: 'test sync',
    stats: { apiCalls: 0, retries: 0 },
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...over,
  };
  return { ctx, slept };
}

const policy = { baseMs: 100, maxMs: 1_000, maxAttempts: 5 };

describe('classifyGoogleError on real bodies', () => {
  it.each([
    ['403_rate_limit.json', 403, 'retryable'],
    ['403_user_rate_limit.json', 403, 'retryable'],
    ['403_calendar_rate_limit.json', 403, 'retryable'],
    ['error_rate_limit.json', 403, 'retryable'],
    ['error_concurrency_exceeded.json', 429, 'retryable'],
    ['error_forbidden.json', 403, 'fatal'],
    ['api_not_enabled_response.json', 403, 'fatal'],
    ['error_sync_token_gone.json', 410, 'sync-token-gone'],
    ['error_unauthorized.json', 401, 'needs-login'],
    ['test_mocks_409.json', 409, 'fatal'],
  ])('%s → %s', (file, status, kind) => {
    expect(classifyGoogleError(httpError(status, loadFixture(file))).kind).toBe(kind);
  });

  it('treats the OAuth invalid_grant reply as needs-login, and network failures as retryable', () => {
    expect(
      classifyGoogleError(
        httpError(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }),
      ).kind,
    ).toBe('needs-login');
    expect(classifyGoogleError(Object.assign(new Error('fetch failed'), { code: 'ECONNRESET' })).kind).toBe(
      'retryable',
    );
    expect(classifyGoogleError(httpError(503, 'Service Unavailable')).kind).toBe('retryable');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(classifyGoogleError(httpError(429, {}, { 'retry-after': '3' })).retryAfterMs).toBe(3_000);
  });
});

describe('withRetry', () => {
  it('backs off exponentially with jitter under a ceiling, honouring Retry-After', () => {
    expect(backoffDelay(0, policy, null, () => 0.999)).toBeLessThan(100);
    expect(backoffDelay(3, policy, null, () => 0.999)).toBeLessThan(800);
    expect(backoffDelay(10, policy, null, () => 0.999)).toBeLessThan(1_000);
    expect(backoffDelay(0, policy, 5_000, () => 0.5)).toBe(5_000);
  });

  it('retries transient failures and counts calls and retries', async () => {
    const { ctx, slept } = fakeContext();
    let calls = 0;
    const got = await withRetry(
      'events.list',
      async () => {
        if (++calls < 3) throw httpError(429, {}, { 'retry-after': '2' });
        return 'ok';
      },
      policy,
      ctx,
    );
    expect(got).toBe('ok');
    expect(slept).toEqual([2_000, 2_000]);
    expect(ctx.stats).toEqual({ apiCalls: 3, retries: 2 });
  });

  it('gives up after the attempt bound with a message that says why', async () => {
    const { ctx } = fakeContext();
    await expect(
      withRetry(
        'events.list',
        async () =>
          Promise.reject(
            httpError(500, { error: { code: 500, message: 'Backend Error', errors: [{ reason: 'backendError' }] } }),
          ),
        policy,
        ctx,
      ),
    ).rejects.toThrow(/events.list \(gave up after 5 attempts\) failed \(HTTP 500 backendError\): Backend Error/);
  });

  it('never waits past the deadline: the run fails cleanly inside its budget', async () => {
    const { ctx, slept } = fakeContext({ deadline: 10_000, budgetMs: 10_000 });
    await expect(
      withRetry('events.list', async () => Promise.reject(httpError(503, {}, { 'retry-after': '30' })), policy, ctx),
    ).rejects.toMatchObject({
      code: 'budget-exceeded',
    });
    expect(slept).toEqual([]);
  });

  it('does not retry errors that will not heal', async () => {
    const { ctx } = fakeContext();
    let calls = 0;
    await expect(
      withRetry(
        'events.list',
        async () => {
          calls++;
          throw httpError(403, loadFixture('error_forbidden.json'));
        },
        policy,
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'google-error' });
    expect(calls).toBe(1);
  });
});
