// Plain http:// only where nobody else can listen (Security: RELIABILITY.md):
// the oracle is the rule itself written over the parts of the address —
// 127.0.0.0/8, ::1, localhost — not the implementation's parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTokenVault } from '../../../../src/main/core/secrets/token-vault';
import { createSupabaseClient } from '../../../../src/main/core/supabase/client';
import { isLoopbackHost, parseProjectUrl } from '../../../../src/main/core/supabase/project-url';

const octet = fc.integer({ min: 0, max: 255 });
const port = fc.integer({ min: 1, max: 65535 });
const accepts = (url: string, why: RegExp = /must start with https:\/\//) => {
  try {
    parseProjectUrl(url, 'bad-input');
    return true;
  } catch (e) {
    expect(e).toMatchObject({ code: 'bad-input', message: expect.stringMatching(why) });
    return false;
  }
};

describe('Supabase project URLs', () => {
  it('http:// is accepted for every address in 127.0.0.0/8, ::1 and localhost', () => {
    fc.assert(fc.property(octet, octet, octet, port, (b, c, d, p) => accepts(`http://127.${b}.${c}.${d}:${p}`)));
    for (const url of ['http://[::1]:54321', 'http://localhost:54321', 'http://LocalHost/', 'http://[0:0:0:0:0:0:0:1]/']) expect(accepts(url), url).toBe(true);
  });

  it('http:// is refused for every other IPv4 address and every host name, which https:// gets', () => {
    const ipv4 = fc.tuple(octet.filter((a) => a !== 127), octet, octet, octet).map((o) => o.join('.'));
    const name = fc.domain().filter((d) => d.toLowerCase() !== 'localhost');
    fc.assert(
      fc.property(fc.oneof(ipv4, name), port, (host, p) => {
        expect(accepts(`http://${host}:${p}`)).toBe(false);
        expect(accepts(`https://${host}:${p}`)).toBe(true);
      }),
    );
    // Names that only look local, and IPv6 addresses that are not ::1.
    for (const url of ['http://127.0.0.1.nip.io', 'http://localhost.example.com', 'http://[::2]/', 'http://[::ffff:10.0.0.1]/', 'http://0.0.0.0:54321']) {
      expect(accepts(url), url).toBe(false);
    }
  });

  it('refuses other schemes and credentials in the URL', () => {
    for (const url of ['ftp://x.supabase.co', 'ws://localhost']) expect(accepts(url), url).toBe(false);
    expect(accepts('https://me:pw@x.supabase.co', /user name or password/)).toBe(false);
    expect(accepts('not a url', /not a URL/)).toBe(false);
  });

  it('isLoopbackHost agrees with the rule on the host names URL parsing writes', () => {
    fc.assert(
      fc.property(octet, octet, octet, octet, (a, b, c, d) => {
        expect(isLoopbackHost(new URL(`http://${a}.${b}.${c}.${d}/`).hostname)).toBe(a === 127);
      }),
    );
  });

  it('a client is never created for a plain-http project on another machine, wherever the URL came from', () => {
    const vault = new MemoryTokenVault();
    expect(() => createSupabaseClient({ url: 'http://abcd.supabase.co', anonKey: 'sb_publishable_a', vault })).toThrow(
      expect.objectContaining({ code: 'not-configured', message: expect.stringMatching(/must start with https:\/\//) }),
    );
    expect(() => createSupabaseClient({ url: 'http://127.0.0.1:54321', anonKey: 'sb_publishable_a', vault, autoRefreshToken: false })).not.toThrow();
  });
});
