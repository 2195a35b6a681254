import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/main/core/log/logger';
import { registerSecret } from '../../../../src/shared/scrub';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger({ level: 'debug', stream }), text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('masks secret-named fields at any depth and Bearer credentials in text', () => {
    const { log, text } = capture();
    log.info(
      {
        tokens: { access_token: 'ya29.a0AfH6SMB-secret-access', refresh_token: '1//0g-secret-refresh' },
        headers: { Authorization: 'Bearer ya29.other' },
      },
      'got tokens',
    );
    log.warn('request failed with Authorization: Bearer ya29.inline-token-value');
    expect(text()).not.toMatch(/secret-access|secret-refresh|ya29\.other|inline-token-value/);
    expect(text()).toContain('[redacted]');
  });

  it('scrubs registered secret values wherever they appear, including error messages', () => {
    const { log, text } = capture();
    const code = '4/0AeanS0abcdefghijklmnop';
    registerSecret(code);
    log.error({ err: new Error(`exchange of ${code} failed`) }, `code ${code} rejected`);
    expect(text()).not.toContain(code);
  });
});
