// The options of every BrowserWindow calsync opens: Electron's security
// checklist as data, so a test can read every flag.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export function mainWindowOptions(preload: string, icon: string | undefined): BrowserWindowConstructorOptions {
  return {
    title: 'calsync',
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    // Shown on ready-to-show, so the user never sees an empty frame.
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#fafafa',
    ...(icon ? { icon } : {}),
    webPreferences: secureWebPreferences(preload),
  };
}
