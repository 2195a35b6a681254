// The desktop's Supabase client: public keys only, sign-in by password and by
// emailed code, the session kept in (and restored from) the TokenVault.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import { startSupabaseShim, shimBackends, type SupabaseShim } from '../../../fakes/supabase';
import { MemoryTokenVault } from '../../../../src/main/core/secrets/token-vault';
import { assertPublicApiKey } from '../../../../src/main/core/supabase/api-key';
import { currentUser, requestEmailOtp, signInWithPassword, signOut, verifyEmailOtp } from '../../../../src/main/core/supabase/auth';
import { createSupabaseClient } from '../../../../src/main/core/supabase/client';
import { sessionVaultKey, supabaseProject } from '../../../../src/main/core/supabase/vault-storage';
import { WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import { connectWorkspace } from '../../../../src/main/core/supabase/workspace-connection';
import { calendarKey } from '../../../../src/main/core/supabase/event-row';
import { AppError } from '../../../../src/shared/errors';

const projectOf = (s: SupabaseShim) => supabaseProject(s.url, s.anonKey);
const sessionKey = (s: SupabaseShim) => sessionVaultKey(projectOf(s));

const fakeJwt = (payload: Record<string, unknown>) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('not-the-secret'));

describe('assertPublicApiKey', () => {
  it('refuses a service_role key and a new-style secret key, saying why', async () => {
    for (const key of [await fakeJwt({ role: 'service_role', iss: 'supabase' }), 'sb_secret_abcdefghijklmnop']) {
      let caught: unknown;
      try {
        assertPublicApiKey(key);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect(caught).toMatchObject({ code: 'not-configured', message: expect.stringMatching(/service_role.*anon/s) });
    }
  });

  it('accepts an anon key and a publishable key; refuses anything else', async () => {
    expect(() => assertPublicApiKey('sb_publishable_abc')).not.toThrow();
    await expect(fakeJwt({ role: 'anon' }).then(assertPublicApiKey)).resolves.toBeUndefined();
    expect(() => assertPublicApiKey('not-a-key')).toThrow(/not a valid anon key/);
    await expect(fakeJwt({ role: 'authenticated' }).then(assertPublicApiKey)).rejects.toThrow(/role "authenticated"/);
  });
});

describe('createSupabaseClient configuration', () => {
  it('says "not connected" without a URL or key, and rejects a bad URL', () => {
    const vault = new MemoryTokenVault();
    expect(() => createSupabaseClient({ url: undefined, anonKey: 'k', vault })).toThrow(expect.objectContaining({ code: 'not-configured' }));
    expect(() => createSupabaseClient({ url: 'https://x.supabase.co', anonKey: ' ', vault })).toThrow(/not connected/);
    expect(() => createSupabaseClient({ url: 'ftp://x', anonKey: 'sb_publishable_a', vault })).toThrow(/https/);
    expect(() => createSupabaseClient({ url: 'nonsense', anonKey: 'sb_publishable_a', vault })).toThrow(/not a URL/);
  });

  it('needs a workspace id (a UUID) before it can push', () => {
    const base = { url: 'https://x.supabase.co', anonKey: 'sb_publishable_a', vault: new MemoryTokenVault(), deviceId: 'dev' };
    expect(() => connectWorkspace({ ...base, workspaceId: undefined })).toThrow(expect.objectContaining({ code: 'not-configured', message: expect.stringContaining('CALSYNC_WORKSPACE_ID') }));
    expect(() => connectWorkspace({ ...base, workspaceId: 'team' })).toThrow(/not a UUID/);
    const ws = '0b5c1c0e-8f3e-4a57-9d0e-2f1f7a1d9c11';
    expect(connectWorkspace({ ...base, workspaceId: ws }).rpc).toMatchObject({ workspaceId: ws, deviceId: 'dev' });
  });
});

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`Supabase sign-in (${backend.name})`, () => {
    let shim: SupabaseShim;
    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
    });
    afterAll(async () => {
      await shim?.close();
    });

    const connect = (vault = new MemoryTokenVault()) => ({
      vault,
      client: createSupabaseClient({ url: shim.url, anonKey: shim.anonKey, vault, autoRefreshToken: false }),
    });

    it('refuses the project service_role key outright', () => {
      expect(() => createSupabaseClient({ url: shim.url, anonKey: shim.serviceRoleKey, vault: new MemoryTokenVault() })).toThrow(
        expect.objectContaining({ code: 'not-configured', message: expect.stringContaining('service_role') }),
      );
    });

    it('signs in with email and password, keeping the session in the vault', async () => {
      const { id } = await shim.createUser('pat@example.com', 'correct horse');
      const { vault, client } = connect();
      await expect(signInWithPassword(client, 'pat@example.com', 'wrong')).rejects.toMatchObject({
        code: 'auth-failed',
        message: 'Supabase sign-in failed: wrong email or password.',
      });
      expect(await vault.get(sessionKey(shim))).toBeNull();
      expect(await signInWithPassword(client, 'Pat@Example.com', 'correct horse')).toEqual({ id, email: 'pat@example.com' });
      const stored = JSON.parse((await vault.get(sessionKey(shim))) ?? '{}') as { access_token?: string; refresh_token?: string; user?: { id: string } };
      expect(stored.user?.id).toBe(id);
      expect(stored.access_token).toMatch(/^ey/);
      expect(stored.refresh_token).toBeTruthy();

      // A restart: a new client over the same vault is still signed in and can call RPCs.
      const again = connect(vault);
      expect(await currentUser(again.client)).toEqual({ id, email: 'pat@example.com' });
      const wsId = await shim.createWorkspace('pat', [id]);
      expect(await new WorkspaceRpc(again.client, wsId, 'dev').acquireLease(calendarKey('c'), 30)).toBe(true);
    });

    it('signs in with an emailed one-time code, once', async () => {
      const { id } = await shim.createUser('otp@example.com', 'unused-password');
      const { vault, client } = connect();
      await requestEmailOtp(client, 'otp@example.com');
      const code = shim.lastOtp('otp@example.com');
      expect(code).toMatch(/^\d{6}$/);
      const wrong = code === '000000' ? '111111' : '000000';
      await expect(verifyEmailOtp(client, 'otp@example.com', wrong)).rejects.toMatchObject({ code: 'auth-failed', message: expect.stringContaining('expired or is not valid') });
      expect(await verifyEmailOtp(client, 'otp@example.com', ` ${code!.slice(0, 3)} ${code!.slice(3)} `)).toEqual({ id, email: 'otp@example.com' });
      expect(await vault.get(sessionKey(shim))).toContain(id);
      await expect(verifyEmailOtp(connect().client, 'otp@example.com', code!)).rejects.toMatchObject({ code: 'auth-failed' });
    });

    it('does not sign up unknown addresses by default', async () => {
      const { client } = connect();
      await expect(requestEmailOtp(client, 'stranger@example.com')).rejects.toMatchObject({ code: 'auth-failed', message: expect.stringContaining('No Supabase account') });
      expect(shim.lastOtp('stranger@example.com')).toBeUndefined();
      await expect(requestEmailOtp(client, 'not an email')).rejects.toMatchObject({ code: 'auth-failed' });
    });

    it('refreshes an expiring session on use and stores the new one', async () => {
      const short = await startSupabaseShim({ databaseUrl: backend.databaseUrl, accessTokenTtlSeconds: 5 });
      try {
        const { id } = await short.createUser('r@example.com', 'pw-refresh');
        const wsId = await short.createWorkspace('r', [id]);
        const vault = new MemoryTokenVault();
        const client = createSupabaseClient({ url: short.url, anonKey: short.anonKey, vault, autoRefreshToken: true });
        try {
          await signInWithPassword(client, 'r@example.com', 'pw-refresh');
          const first = JSON.parse((await vault.get(sessionKey(short)))!) as { refresh_token: string; access_token: string };
          await new Promise((r) => setTimeout(r, 1100)); // a new token gets a later `iat`
          expect(await new WorkspaceRpc(client, wsId, 'dev').acquireLease(calendarKey('c'), 30)).toBe(true);
          const second = JSON.parse((await vault.get(sessionKey(short)))!) as { refresh_token: string; access_token: string };
          expect(second.refresh_token).not.toBe(first.refresh_token);
          expect(second.access_token).not.toBe(first.access_token);
        } finally {
          await client.auth.stopAutoRefresh();
        }
      } finally {
        await short.close();
      }
    });

    it('signs out: the vault forgets the session and the server revokes it', async () => {
      await shim.createUser('out@example.com', 'pw-out');
      const { vault, client } = connect();
      await signInWithPassword(client, 'out@example.com', 'pw-out');
      const { refresh_token } = JSON.parse((await vault.get(sessionKey(shim)))!) as { refresh_token: string };
      expect(await signOut(client, vault, projectOf(shim))).toEqual({ serverNotified: true });
      expect(await vault.get(sessionKey(shim))).toBeNull();
      expect(await currentUser(client)).toBeNull();
      const res = await fetch(`${shim.url}/auth/v1/token?grant_type=refresh_token`, {
        method: 'POST',
        headers: { apikey: shim.anonKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token }),
      });
      expect(res.status).toBe(400);
    });

    it('signs out locally even while Supabase is unreachable', async () => {
      await shim.createUser('offline@example.com', 'pw-off');
      const { vault, client } = connect();
      await signInWithPassword(client, 'offline@example.com', 'pw-off');
      // auth-js logs every failed fetch itself; the failure is the point here.
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await shim.stop();
      try {
        expect(await signOut(client, vault, projectOf(shim))).toEqual({ serverNotified: false });
        expect(await vault.get(sessionKey(shim))).toBeNull();
        await expect(signInWithPassword(client, 'offline@example.com', 'pw-off')).rejects.toMatchObject({ code: 'supabase-error', message: expect.stringContaining('unreachable') });
      } finally {
        quiet.mockRestore();
        await shim.start();
      }
    });
  });
}
