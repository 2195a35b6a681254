// What the tray shows, derived from one status snapshot: which icon, the
// status line of the menu, and which actions make sense right now. Pure, so
// every state is tested without a tray.
import type { StatusReport } from '../../shared/api';
import { relativeTime } from '../../shared/relative-time';

export type TrayKind = 'idle' | 'syncing' | 'error' | 'paused' | 'needs-login';

export interface TrayState {
  kind: TrayKind;
  statusLine: string;
  tooltip: string;
  proposals: number;
  paused: boolean;
  /** An active account exists and no run is going ("Sync now" joins a run anyway, but says nothing new). */
  canSync: boolean;
  needsLogin: boolean;
  /** Set when tokens are not encrypted by the OS (e.g. Linux without a keyring: basic_text). */
  tokenWarning: string | null;
}

export function deriveTrayState(status: StatusReport, now: number): TrayState {
  const active = status.accounts.filter((a) => a.status === 'active');
  const stale = status.accounts.filter((a) => a.status !== 'active');
  const needsLogin = status.accounts.length === 0 || stale.length > 0;
  const failed = status.lastRun?.status === 'failed';
  // Order matters: a run in progress is the most current fact; a sign-in the
  // user must give comes before a pause they chose; a pause silences an old failure.
  const kind: TrayKind = status.running
    ? 'syncing'
    : needsLogin
      ? 'needs-login'
      : status.paused
        ? 'paused'
        : failed
          ? 'error'
          : 'idle';
  // The demo account says so wherever the tray speaks: its data is a sample, not the user's.
  const statusLine = `${status.demo ? 'Demo: ' : ''}${line(
    kind,
    status,
    now,
    stale.map((a) => a.email),
  )}`;
  const tokenWarning = status.tokenStore.protected ? null : status.tokenStore.warning;
  return {
    kind,
    statusLine,
    tooltip: `calsync${status.demo ? ' (demo)' : ''}: ${statusLine.replace(/^Demo: /, '')}${tokenWarning ? '\nTokens are not encrypted on this computer' : ''}`,
    proposals: status.proposalsPending,
    paused: status.paused,
    canSync: active.length > 0 && !status.running,
    needsLogin,
    tokenWarning,
  };
}

function line(kind: TrayKind, status: StatusReport, now: number, stale: string[]): string {
  const synced = status.lastSuccessAt ? `synced ${timeAgo(status.lastSuccessAt, now)}` : 'not synced yet';
  switch (kind) {
    case 'syncing':
      return 'Syncing…';
    case 'needs-login':
      if (status.accounts.length === 0) return 'Not signed in';
      return `Sign in again: ${stale[0]}${stale.length > 1 ? ` and ${stale.length - 1} more` : ''}`;
    case 'paused':
      return `Background sync paused (${synced})`;
    case 'error':
      return `Sync failed: ${shorten(status.lastRun?.error ?? 'unknown error', 80)}`;
    case 'idle':
      return status.lastSuccessAt ? `Synced ${timeAgo(status.lastSuccessAt, now)}` : 'Not synced yet';
  }
}

/** The shared wording: "just now", "3 minutes ago", "4 days ago". */
export function timeAgo(iso: string, now: number): string {
  return relativeTime(iso, now);
}

function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}
