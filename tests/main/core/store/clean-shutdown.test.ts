// quick_check runs at open only when a session before it ended uncleanly
// (store/clean-shutdown.ts): a process killed with its cache open, a marker
// from an earlier boot, damage met at run time. A clean end skips it.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CacheSession, judgeMarker } from '../../../../src/main/core/store/clean-shutdown';
import { Store } from '../../../../src/main/core/store/store';
import { leaveCrashMarker } from '../../../helpers/crash-marker';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const markers = (file: string) => readdirSync(CacheSession.sessionsDir(file)).sort();

function withEvents(file: string, n: number): void {
  const s = Store.open(file);
  s.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: ['openid'], tokenIssuedAt: 1 }, 1);
  s.calendars.replaceForAccount('acc', [
    { id: 'cal', summary: 'Work', timeZone: 'UTC', accessRole: 'owner', primary: true, color: null },
  ]);
  const insert = s.db.prepare(
    "INSERT INTO events (account_id, calendar_id, id, status, title, all_day, start_ms, end_ms, transparency, event_type) VALUES ('acc', 'cal', ?, 'confirmed', ?, 0, 1, 2, 'opaque', 'default')",
  );
  s.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`e${i}`, `event ${i} ${'x'.repeat(200)}`);
  });
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.close();
}

function scribble(file: string): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, statSync(file).size - 20_000);
  closeSync(fd);
}

describe('judging a marker (pure)', () => {
  const self = { host: 'h', scope: 'boot1/ns1', pid: 10 };
  const alive = new Set([10, 20]);
  const isAlive = (pid: number) => alive.has(pid);
  it.each([
    [{ host: 'h', scope: 'boot1/ns1', pid: 20 }, 'live'],
    [{ host: 'h', scope: 'boot1/ns1', pid: 30 }, 'dead'],
    [{ host: 'h', scope: 'boot1/ns1', pid: 10 }, 'live'],
    [{ host: 'h', scope: 'boot0/ns1', pid: 20 }, 'dead'], // an earlier boot: whatever runs as 20 now is not it
    [{ host: 'h', scope: 'boot1/ns2', pid: 30 }, 'unknown'], // another container: its pid means nothing here
    [{ host: 'other', scope: 'boot1/ns1', pid: 30 }, 'unknown'],
  ] as const)('%o is %s', (marker, verdict) => {
    expect(judgeMarker(marker, self, isAlive)).toBe(verdict);
  });
});

describe('the check at open', () => {
  it('is skipped after a clean close, and the marker is gone', () => {
    const file = path.join(tmp(), 'calsync.db');
    withEvents(file, 10);
    expect(markers(file)).toEqual([]);
    const s = Store.open(file);
    expect(s.checkedAtOpen).toBe(false);
    expect(markers(file)).toHaveLength(1);
    s.close();
    expect(markers(file)).toEqual([]);
  });

  it('runs once for a cache from before the markers existed', () => {
    const file = path.join(tmp(), 'calsync.db');
    withEvents(file, 10);
    rmSync(CacheSession.sessionsDir(file), { recursive: true });
    const a = Store.open(file);
    expect(a.checkedAtOpen).toBe(true);
    a.close();
    const b = Store.open(file);
    expect(b.checkedAtOpen).toBe(false);
    b.close();
  });

  it("is skipped while another process's session is open (it is alive, not crashed)", () => {
    const file = path.join(tmp(), 'calsync.db');
    withEvents(file, 10);
    const serve = Store.open(file);
    const cli = Store.open(file);
    expect(cli.checkedAtOpen).toBe(false);
    cli.close();
    serve.close();
    expect(markers(file)).toEqual([]);
  });

  it('runs after a process was killed with the cache open, then settles its marker', async () => {
    const file = path.join(tmp(), 'calsync.db');
    withEvents(file, 10);
    // A real process opens the store and is killed -9 without closing it.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import { Store } from './src/main/core/store/store.ts'; Store.open(${JSON.stringify(file)}); console.log('open'); setInterval(() => {}, 1000);`,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => d.toString().includes('open') && resolve()),
    );
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(markers(file)).toEqual([expect.stringMatching(new RegExp(`^${child.pid}-`))]);
    const s = Store.open(file);
    expect(s.checkedAtOpen).toBe(true);
    expect(s.recovery).toBeNull(); // the file was fine
    s.close();
    expect(markers(file)).toEqual([]);
    const again = Store.open(file);
    expect(again.checkedAtOpen).toBe(false);
    again.close();
  });

  it('finds the damage a crash left and rebuilds the cache', () => {
    const file = path.join(tmp(), 'calsync.db');
    withEvents(file, 3000);
    scribble(file);
    leaveCrashMarker(file);
    const s = Store.open(file);
    expect(s.checkedAtOpen).toBe(true);
    expect(s.recovery).not.toBeNull();
    expect(s.accounts.list().map((a) => a.email)).toEqual(['a@example.test']);
    s.close();
  });

  it('runs at the next start after this process met a damaged page (the marker stays)', () => {
    const file = path.join(tmp(), 'calsync.db');
    withEvents(file, 3000);
    scribble(file); // after a clean close: not seen at open…
    const s = Store.open(file);
    expect(s.checkedAtOpen).toBe(false);
    let met: unknown = null;
    try {
      s.db.prepare('SELECT count(*), max(title) FROM events').get();
    } catch (e) {
      met = e;
    }
    expect(met).toMatchObject({ code: expect.stringMatching(/^SQLITE_CORRUPT/) }); // …but at the first read of those pages
    s.noteDamage();
    s.close();
    expect(markers(file)).toHaveLength(1);
    const next = Store.open(file);
    expect(next.checkedAtOpen).toBe(true);
    expect(next.recovery).not.toBeNull();
    next.close();
    expect(markers(file)).toEqual([]);
  });

  it('close({verify}) finds damage that nothing read, and keeps the marker for the next start', () => {
    const file = path.join(tmp(), 'calsync.db');
    withEvents(file, 3000);
    const serve = Store.open(file);
    scribble(file);
    serve.close({ verify: true });
    expect(markers(file)).toHaveLength(1);
    const next = Store.open(file);
    expect(next.checkedAtOpen).toBe(true);
    expect(next.recovery).not.toBeNull();
    next.close();
  });
});
