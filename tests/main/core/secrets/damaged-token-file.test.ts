// A damaged token file is moved aside (kept), the vault starts empty and
// stays usable; two processes that find it at once do not trip over each
// other; status names the kept copy for a week.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { damagedTokenFileName, damagedTokenFileNotes } from '../../../../src/main/core/secrets/damaged-token-file';
import { FileTokenVault, type DamagedTokenFile } from '../../../../src/main/core/secrets/file-token-vault';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

describe('a damaged token file', () => {
  for (const [name, bytes] of [
    ['truncated JSON', '{"google:1":"{\\"refresh_token\\":\\"1//0h'],
    ['not an object', '["google:1"]'],
    ['binary garbage', '\u0000\u00ff\u0013PK'],
  ] as const) {
    it(`(${name}) is kept aside, reads as empty and takes new secrets`, async () => {
      const file = path.join(tmp(), 'tokens.json');
      writeFileSync(file, bytes, { mode: 0o600 });
      const found: DamagedTokenFile[] = [];
      const v = new FileTokenVault(file, (d) => found.push(d));
      expect(await v.get('google:1')).toBeNull();
      expect(found).toHaveLength(1);
      expect(readFileSync(found[0]!.backup, 'utf8')).toBe(bytes); // kept byte for byte
      await v.set('google:2', 'fresh');
      expect(await new FileTokenVault(file).get('google:2')).toBe('fresh');
      expect(found).toHaveLength(1);
    });
  }

  it('found by several readers at once: one copy aside, nobody fails', async () => {
    const dir = tmp();
    const file = path.join(dir, 'tokens.json');
    writeFileSync(file, '{oops');
    const found: DamagedTokenFile[] = [];
    const vaults = Array.from({ length: 5 }, () => new FileTokenVault(file, (d) => found.push(d)));
    expect(await Promise.all(vaults.map((v) => v.keys()))).toEqual([[], [], [], [], []]);
    expect(found).toHaveLength(1);
    expect(readdirSync(dir).filter((n) => n.includes('.damaged-'))).toHaveLength(1);
  });

  it('is named in status for a week after it was found', () => {
    const dir = tmp();
    const file = path.join(dir, 'tokens.json');
    const now = Date.UTC(2026, 10, 28, 12);
    expect(damagedTokenFileNotes(file, now)).toEqual([]);
    writeFileSync(damagedTokenFileName(file, now - 8 * 86_400_000), 'old');
    expect(damagedTokenFileNotes(file, now)).toEqual([]);
    const recent = damagedTokenFileName(file, now - 3_600_000);
    writeFileSync(recent, 'x');
    expect(damagedTokenFileNotes(file, now)).toEqual([expect.stringContaining(recent)]);
    expect(existsSync(file)).toBe(false);
  });
});
