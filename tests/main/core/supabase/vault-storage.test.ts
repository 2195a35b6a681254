// The session's vault entry is its project's alone: the oracle is "same URL
// and same ref", checked over generated projects, and the adoption rule for a
// session stored before sessions were bound.
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MemoryTokenVault, vaultKeys } from '../../../../src/main/core/secrets/token-vault';
import { SUPABASE_STORAGE_KEY, vaultAuthStorage, type SupabaseProject } from '../../../../src/main/core/supabase/vault-storage';

const project = fc.record({
  url: fc.constantFrom('https://abcd.supabase.co', 'https://efgh.supabase.co', 'http://127.0.0.1:54321'),
  ref: fc.constantFrom(null, 'abcd', 'efgh'),
});

const token = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('secret'));
const sessionOf = async (claims: Record<string, unknown>) => JSON.stringify({ access_token: await token(claims), refresh_token: 'r-123456', expires_at: 4102444800 });

describe('the Supabase session in the vault', () => {
  it('a session written for one project is read back by that project only', async () => {
    await fc.assert(
      fc.asyncProperty(project, project, async (a: SupabaseProject, b: SupabaseProject) => {
        const vault = new MemoryTokenVault();
        await vaultAuthStorage(vault, a).setItem(SUPABASE_STORAGE_KEY, 'session-of-a');
        await vaultAuthStorage(vault, a).setItem(`${SUPABASE_STORAGE_KEY}-code-verifier`, 'verifier-of-a');
        const same = a.url === b.url && a.ref === b.ref;
        expect(await vaultAuthStorage(vault, b).getItem(SUPABASE_STORAGE_KEY)).toBe(same ? 'session-of-a' : null);
        expect(await vaultAuthStorage(vault, b).getItem(`${SUPABASE_STORAGE_KEY}-code-verifier`)).toBe(same ? 'verifier-of-a' : null);
        await vaultAuthStorage(vault, b).removeItem(SUPABASE_STORAGE_KEY);
        expect(await vaultAuthStorage(vault, a).getItem(SUPABASE_STORAGE_KEY)).toBe(same ? null : 'session-of-a');
      }),
    );
  });

  it('a session stored before binding is adopted by the first project that looks, unless its token names another issuer', async () => {
    const a: SupabaseProject = { url: 'https://abcd.supabase.co', ref: 'abcd' };
    const b: SupabaseProject = { url: 'https://efgh.supabase.co', ref: 'efgh' };
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ['issued by A', { iss: 'https://abcd.supabase.co/auth/v1', role: 'authenticated' }, true],
      ['no issuer URL (local development)', { iss: 'supabase-demo', role: 'authenticated' }, true],
      ['issued by B', { iss: 'https://efgh.supabase.co/auth/v1', role: 'authenticated' }, false],
    ];
    for (const [name, claims, adopted] of cases) {
      const vault = new MemoryTokenVault();
      const legacy = await sessionOf(claims);
      await vault.set(vaultKeys.supabaseLegacySession, legacy);
      expect(await vaultAuthStorage(vault, a).getItem(SUPABASE_STORAGE_KEY), name).toBe(adopted ? legacy : null);
      expect(await vault.get(vaultKeys.supabaseLegacySession), name).toBeNull();
      // Adopted once: nobody else gets it afterwards, and A keeps it.
      expect(await vaultAuthStorage(vault, b).getItem(SUPABASE_STORAGE_KEY), name).toBeNull();
      expect(await vaultAuthStorage(vault, a).getItem(SUPABASE_STORAGE_KEY), name).toBe(adopted ? legacy : null);
    }
  });
});
