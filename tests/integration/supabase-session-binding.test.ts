// A Supabase session belongs to the project that issued it (URL + the anon
// key's project ref). Two projects behind recording proxies and a stranger
// that only records: whatever the user does (disconnect and connect another
// project, point the environment elsewhere, a key of another project on the
// same URL), not one request to anyone but the issuer carries the issuer's
// access or refresh token, and the other project reads "not signed in".
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/core/app';
import { dataPaths } from '../../src/main/core/config/paths';
import { createLogger } from '../../src/main/core/log/logger';
import { FileTokenVault } from '../../src/main/core/secrets/file-token-vault';
import { vaultKeys } from '../../src/main/core/secrets/token-vault';
import { sessionVaultKey, supabaseProject } from '../../src/main/core/supabase/vault-storage';
import { shimBackends, type SupabaseShim } from '../fakes/supabase';
import { issuedTokens, startCaptureServer, type CaptureServer, type CapturedRequest } from '../helpers/capture-server';
import { seedAccount } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';
import { newWorkspace, startShim, type Workspace } from '../helpers/workspace';

/** The requests among `requests` that carry any of `tokens`. */
const carrying = (requests: CapturedRequest[], tokens: string[]) =>
  requests.filter((r) => tokens.some((t) => r.text.includes(t)));

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`a Supabase session is bound to its project (${backend.name})`, () => {
    let shimA: SupabaseShim;
    let shimB: SupabaseShim;
    let proxyA: CaptureServer;
    let proxyB: CaptureServer;
    let stranger: CaptureServer;
    let world: World;
    let wsA: Workspace;
    let wsB: Workspace;

    beforeAll(async () => {
      shimA = await startShim(backend);
      shimB = await startShim(backend);
      proxyA = await startCaptureServer(shimA.url);
      proxyB = await startCaptureServer(shimB.url);
      stranger = await startCaptureServer();
    }, 240_000); // two PGlite projects take a while on a busy machine
    afterAll(async () => {
      for (const s of [proxyA, proxyB, stranger]) await s?.close();
      await shimA?.close();
      await shimB?.close();
    });
    beforeEach(async () => {
      for (const s of [proxyA, proxyB, stranger]) {
        s.requests.length = 0;
        s.responses.length = 0;
      }
      world = await startWorld();
      seedAccount(world.google, world.user.email, { perCalendar: 3 });
      wsA = await newWorkspace(shimA);
      wsB = await newWorkspace(shimB);
    });
    afterEach(() => world.close());

    const envApp = (env: NodeJS.ProcessEnv) =>
      createApp({ env: { ...world.env, ...env }, logger: createLogger({ level: 'silent' }) });

    it('disconnect + connect another project, the environment, another ref on the same URL: all "not signed in", zero requests carry the first project\'s tokens', async () => {
      const app = world.app();
      await world.login(app);
      await app.sync.request({ trigger: 'cli' });
      await app.api.supabaseConnect({ url: proxyA.url, anonKey: shimA.anonKey, workspaceId: wsA.wsId });
      await app.api.supabaseSignIn({ email: wsA.email, password: wsA.password });
      expect(await app.api.push({})).toMatchObject({ error: null, pending: 0 });
      const aTokens = issuedTokens(proxyA.responses);
      expect(aTokens.length).toBeGreaterThanOrEqual(2); // the oracle saw project A hand out an access and a refresh token…
      expect(carrying(proxyA.requests, aTokens).length).toBeGreaterThan(0); // …and the pushes to A carry them

      // 1. disconnect (the session is kept), connect project B.
      expect(await app.api.supabaseDisconnect({})).toMatchObject({ wasConnected: true, signedOut: false });
      const onB = await app.api.supabaseConnect({ url: proxyB.url, anonKey: shimB.anonKey, workspaceId: wsB.wsId });
      expect(onB.user).toBeNull();
      const pushB = await app.api.push({});
      expect(pushB).toMatchObject({
        pushed: 0,
        error: expect.stringMatching(/not signed in.*calsync supabase login/i),
      });
      expect(pushB.pending).toBeGreaterThan(0);

      // 2. The environment points at a server that is no Supabase project of ours.
      const byEnv = envApp({
        CALSYNC_SUPABASE_URL: stranger.url,
        CALSYNC_SUPABASE_ANON_KEY: shimA.anonKey,
        CALSYNC_WORKSPACE_ID: wsA.wsId,
      });
      try {
        expect((await byEnv.api.supabaseStatus({})).user).toBeNull();
        expect((await byEnv.api.push({})).error).toMatch(/not signed in.*calsync supabase login/i);
      } finally {
        await byEnv.close();
      }

      // 3. Project A's URL, but the key of another project behind it (one gateway, several refs).
      const otherRef = await new SignJWT({ role: 'anon', ref: 'another-project', iss: 'supabase' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode(shimA.jwtSecret));
      const seenOnA = proxyA.requests.length;
      const sameUrl = envApp({
        CALSYNC_SUPABASE_URL: proxyA.url,
        CALSYNC_SUPABASE_ANON_KEY: otherRef,
        CALSYNC_WORKSPACE_ID: wsA.wsId,
      });
      try {
        expect((await sameUrl.api.supabaseStatus({})).user).toBeNull();
        expect((await sameUrl.api.push({})).error).toMatch(/not signed in/i);
      } finally {
        await sameUrl.close();
      }

      expect(carrying(proxyB.requests, aTokens)).toEqual([]);
      expect(carrying(stranger.requests, aTokens)).toEqual([]);
      expect(carrying(proxyA.requests.slice(seenOnA), aTokens)).toEqual([]);

      // B signs in on its own and pushes; A's session was never lost, only never lent.
      await app.api.supabaseSignIn({ email: wsB.email, password: wsB.password });
      expect(await app.api.push({})).toMatchObject({ error: null, pending: 0 });
      expect(carrying(proxyB.requests, aTokens)).toEqual([]);
      expect(
        (await app.api.supabaseConnect({ url: proxyA.url, anonKey: shimA.anonKey, workspaceId: wsA.wsId })).user,
      ).toMatchObject({ email: wsA.email });
      const bTokens = issuedTokens(proxyB.responses);
      expect(bTokens.length).toBeGreaterThanOrEqual(2);
      expect(await app.api.push({})).toMatchObject({ error: null });
      expect(carrying(proxyA.requests, bTokens)).toEqual([]);
    }, 180_000); // many processes and a PGlite project: slow on a shared CI machine

    it('a session stored before sessions were bound belongs to the project configured now, and never goes to a server its token does not name', async () => {
      const vault = new FileTokenVault(dataPaths(world.home).tokens);
      // Straight to A (no proxy): its tokens name A's URL as their issuer, as on a hosted project.
      const keyA = sessionVaultKey(supabaseProject(shimA.url, shimA.anonKey));
      const app = world.app();
      await app.api.supabaseConnect({ url: shimA.url, anonKey: shimA.anonKey, workspaceId: wsA.wsId });
      await app.api.supabaseSignIn({ email: wsA.email, password: wsA.password });
      await app.close();
      // The vault as the previous version left it: one entry, for whatever was configured.
      const toLegacy = async (key: string) => {
        await vault.set(vaultKeys.supabaseLegacySession, (await vault.get(key))!);
        await vault.delete(key);
      };
      await toLegacy(keyA);

      const upgraded = world.app();
      expect((await upgraded.api.supabaseStatus({})).user).toMatchObject({ email: wsA.email });
      expect(await vault.get(vaultKeys.supabaseLegacySession)).toBeNull();
      expect(await vault.get(keyA)).not.toBeNull();
      await upgraded.close();

      // Upgraded while the environment points at another server: the token names A
      // as its issuer, so the stranger gets nothing and the old session is dropped.
      await toLegacy(keyA);
      const legacy = (await vault.get(vaultKeys.supabaseLegacySession))!;
      const byEnv = envApp({
        CALSYNC_SUPABASE_URL: stranger.url,
        CALSYNC_SUPABASE_ANON_KEY: shimA.anonKey,
        CALSYNC_WORKSPACE_ID: wsA.wsId,
      });
      try {
        expect((await byEnv.api.supabaseStatus({})).user).toBeNull();
        expect((await byEnv.api.push({})).error).toMatch(/not signed in/i);
      } finally {
        await byEnv.close();
      }
      const legacyTokens = Object.values(JSON.parse(legacy) as Record<string, unknown>).filter(
        (v): v is string => typeof v === 'string' && v.length > 20,
      );
      expect(legacyTokens.length).toBeGreaterThanOrEqual(2);
      expect(carrying(stranger.requests, legacyTokens)).toEqual([]);
      expect((await vault.keys()).filter((k) => k.startsWith('supabase:'))).toEqual([]);
    }, 180_000); // many processes and a PGlite project: slow on a shared CI machine
  });
}
