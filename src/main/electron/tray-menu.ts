// The tray's context menu as a template, built from a TrayState. Rebuilt on
// every state change: Linux (AppIndicator) only picks up a new menu through
// setContextMenu, so the tray controller never mutates a menu in place.
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayState } from './tray-state';

export interface TrayActions {
  syncNow(): void;
  signIn(): void;
  reviewProposals(): void;
  setPaused(paused: boolean): void;
  openWindow(): void;
  setLaunchAtLogin(enabled: boolean): void;
  quit(): void;
}

export function buildTrayMenu(
  state: TrayState,
  launchAtLogin: boolean,
  act: TrayActions,
): MenuItemConstructorOptions[] {
  const n = state.proposals;
  const items: MenuItemConstructorOptions[] = [{ id: 'status', label: state.statusLine, enabled: false }];
  if (state.tokenWarning)
    items.push({ id: 'token-warning', label: 'Tokens are not encrypted on this computer', enabled: false });
  items.push(
    { type: 'separator' },
    { id: 'sync-now', label: 'Sync now', enabled: state.canSync, click: () => act.syncNow() },
  );
  if (state.needsLogin) items.push({ id: 'sign-in', label: 'Sign in to Google…', click: () => act.signIn() });
  items.push(
    {
      id: 'review',
      label: n === 0 ? 'No proposals to review' : `Review ${n} proposal${n === 1 ? '' : 's'}…`,
      enabled: n > 0,
      click: () => act.reviewProposals(),
    },
    { type: 'separator' },
    state.paused
      ? { id: 'pause', label: 'Resume background sync', click: () => act.setPaused(false) }
      : { id: 'pause', label: 'Pause background sync', click: () => act.setPaused(true) },
    { id: 'open', label: 'Open calsync', click: () => act.openWindow() },
    { type: 'separator' },
    {
      id: 'launch-at-login',
      label: 'Launch at login',
      type: 'checkbox',
      checked: launchAtLogin,
      click: () => act.setLaunchAtLogin(!launchAtLogin),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit calsync', click: () => act.quit() },
  );
  return items;
}
