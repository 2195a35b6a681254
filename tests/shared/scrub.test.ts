import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, toErrorData } from '../../src/shared/errors';
import { registerSecret, scrubSecrets } from '../../src/shared/scrub';

const urlSafe = fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/);
// Ordinary prose: letters, digits, spaces and punctuation that no token shape uses.
const prose = fc.stringMatching(/^[a-z0-9 ,.:()!?]{0,60}$/);

describe('scrubSecrets', () => {
  it('removes a registered secret wherever it sits in the text, raw or URL-encoded', () => {
    fc.assert(
      fc.property(
        prose,
        prose,
        fc.stringMatching(/^[A-Za-z0-9/+=._~-]{12,40}$/),
        fc.boolean(),
        (before, after, tail, encoded) => {
          // The registry is process-wide: a "~" (which no other test's text has) keeps these secrets out of the other properties.
          const secret = `~${tail}`;
          registerSecret(secret);
          const shown = encoded ? encodeURIComponent(secret) : secret;
          const out = scrubSecrets(`${before}${shown}${after}`);
          expect(out).not.toContain(secret);
          expect(out).not.toContain(encodeURIComponent(secret));
          expect(out).toContain('[redacted]');
        },
      ),
    );
  });

  it('masks token shapes it never saw: JWTs, ya29. access tokens, 1// refresh tokens, client secrets, form credentials', () => {
    fc.assert(
      fc.property(prose, urlSafe, urlSafe, urlSafe, (text, a, b, c) => {
        const tokens = [`eyJ${a}.eyJ${b}.${c}`, `ya29.a0${a}`, `1//0${b}`, `1%2F%2F0${c}`, `GOCSPX-${a}`];
        for (const t of tokens) expect(scrubSecrets(`${text} ${t} ${text}`)).toBe(`${text} [redacted] ${text}`);
        expect(scrubSecrets(`grant_type=refresh_token&refresh_token=${a}&client_secret=${b}`)).toBe(
          'grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]',
        );
        expect(scrubSecrets(`{"refresh_token": "${a}", "scope": "x"}`)).toBe(
          '{"refresh_token": "[redacted]", "scope": "x"}',
        );
      }),
    );
  });

  it('leaves text without secrets as it was', () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(scrubSecrets(text)).toBe(text);
      }),
    );
    expect(scrubSecrets('calendarList.list failed (HTTP 400 badRequest) at http://127.0.0.1:8080/calendar/v3')).toBe(
      'calendarList.list failed (HTTP 400 badRequest) at http://127.0.0.1:8080/calendar/v3',
    );
  });
});

describe('errors become data scrubbed', () => {
  it('AppError and toErrorData carry no secret, whether registered before or after the error was made', () => {
    const early = 'serve-token-Zq81kd0aPq2LmXw';
    registerSecret(early);
    const e = new AppError('google-error', `refused ${early}`, { echoed: [early] });
    expect(e.message).toBe('refused [redacted]');
    expect(e.details).toEqual({ echoed: ['[redacted]'] });

    const plain = new Error('token endpoint said: late-secret-4f9a0c1b2d3e');
    registerSecret('late-secret-4f9a0c1b2d3e');
    expect(toErrorData(plain)).toEqual({ code: 'internal', message: 'token endpoint said: [redacted]' });
    expect(toErrorData('Bearer abcdefgh12345678')).toEqual({ code: 'internal', message: 'Bearer [redacted]' });
  });
});
