import { describe, expect, it } from 'vitest';
import { backoffDelay, withBackoff, type RetryPolicy } from '../../../src/main/core/retry-policy';
import { silentLogger } from '../../../src/main/core/log/logger';

const policy: RetryPolicy = { baseMs: 100, maxMs: 1_000, maxAttempts: 4 };

function deps(random = () => 0.5) {
  const slept: number[] = [];
  return { slept, d: { policy, random, log: silentLogger, sleep: async (ms: number) => void slept.push(ms) } };
}

describe('withBackoff (the push with the engine retry policy)', () => {
  it('retries a retryable failure with the policy backoff, then returns the answer', async () => {
    const { slept, d } = deps();
    let calls = 0;
    const value = await withBackoff(
      'x',
      async () => {
        if (++calls < 3) throw new Error('outage');
        return 'done';
      },
      () => true,
      d,
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
    expect(slept).toEqual([0, 1].map((a) => backoffDelay(a, policy, null, () => 0.5)));
  });

  it('throws a failure that will not go away at once, without sleeping', async () => {
    const { slept, d } = deps();
    let calls = 0;
    const refused = new Error('refused');
    await expect(
      withBackoff(
        'x',
        async () => {
          calls++;
          throw refused;
        },
        (e) => e !== refused,
        d,
      ),
    ).rejects.toBe(refused);
    expect([calls, slept.length]).toEqual([1, 0]);
  });

  it('gives up after maxAttempts calls in all and throws the last failure', async () => {
    const { slept, d } = deps(() => 0.999);
    let calls = 0;
    await expect(
      withBackoff(
        'x',
        async () => {
          throw new Error(`failure ${++calls}`);
        },
        () => true,
        d,
      ),
    ).rejects.toThrow('failure 4');
    expect(calls).toBe(policy.maxAttempts);
    // Full jitter under min(maxMs, baseMs·2^attempt): 99, 199, 399.
    expect(slept).toEqual([99, 199, 399]);
  });
});
