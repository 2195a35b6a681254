// A private Secret Service for tests: its own D-Bus session bus and an
// unlocked gnome-keyring in a temp home, so the OS-keychain vault is tested
// for real without touching the user's keyring. CI apt-installs dbus and
// gnome-keyring (see .ci/run).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SecretService {
  address: string;
  home: string;
  stop(): void;
}

/** gnome-keyring-daemon processes started with this home (other tests run their own). */
function daemonsOf(home: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('gnome-keyring-daemon')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`HOME=${home}`)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked: nothing to stop.
    }
  }
  return pids;
}

export function secretServiceAvailable(): boolean {
  return ['/usr/bin/dbus-daemon', '/usr/bin/gnome-keyring-daemon'].every((p) => existsSync(p));
}

export async function startSecretService(): Promise<SecretService> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-keyring-'));
  const address = `unix:path=${path.join(home, 'bus')}`;
  const bus: ChildProcess = spawn('dbus-daemon', ['--session', `--address=${address}`, '--nofork', '--nopidfile'], {
    stdio: 'ignore',
  });
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_RUNTIME_DIR: home,
    DBUS_SESSION_BUS_ADDRESS: address,
  };
  for (let i = 0; i < 100 && !existsSync(path.join(home, 'bus')); i++) await new Promise((r) => setTimeout(r, 20));
  // --unlock reads the keyring password on stdin and creates the login keyring with it.
  execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], {
    input: 'calsync-test-keyring',
    env,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  return {
    address,
    home,
    stop() {
      for (const pid of daemonsOf(home)) process.kill(pid);
      bus.kill();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
