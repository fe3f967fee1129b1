/**
 * The desktop face, wired: single instance, the core with safeStorage secrets and the native
 * notifier, the app:// protocol, the IPC bridge, the lazy window, the tray and autostart. Each
 * feature is a `setupX()` of its own file; this one only connects them.
 */
import { join } from 'node:path';
import { app, dialog, powerMonitor } from 'electron';
import type { Api } from '../core/api/create-api.ts';
import { configFile } from '../core/config/data-dir.ts';
import { createCore, type Core } from '../core/create-core.ts';
import type { Logger } from '../core/logger.ts';
import { setupAutostart, type AutostartOptions } from './autostart.ts';
import { setupIpc } from './ipc.ts';
import { routeFor, setupNotifier } from './notifier.ts';
import { setupPreferences } from './preferences.ts';
import { registerAppScheme, setupProtocol } from './protocol.ts';
import { setupSecrets } from './secrets.ts';
import { explainStartError } from './start-errors.ts';
import { setupTray, type CertbellTray } from './tray.ts';
import { utilityProcessLauncher } from './utility-launcher.ts';
import { setupWindow, type MainWindow } from './window.ts';

export interface DesktopOptions {
  /** Default: CERTBELL_DATA_DIR, else Electron's userData. */
  dataDir?: string;
  logger: Logger;
  /** Where package.json, dist/ and build/ are; default `app.getAppPath()`. */
  appRoot?: string;
  argv?: string[];
  autostart?: AutostartOptions;
  platform?: NodeJS.Platform;
  now?: () => number;
}

export interface Desktop {
  core: Core;
  api: Api;
  window: MainWindow;
  quit(): Promise<void>;
}

/** Resolves to null when another instance runs (it is asked to show its window) or start-up failed. */
export async function startDesktop(options: DesktopOptions): Promise<Desktop | null> {
  const { logger } = options;
  const argv = options.argv ?? process.argv;
  if (!app.requestSingleInstanceLock()) {
    logger.info('another Certbell is running; it opens its window instead');
    app.quit();
    return null;
  }
  app.enableSandbox();
  registerAppScheme();
  // A tray app keeps running without windows; only "Quit" ends it.
  app.on('window-all-closed', () => {});
  await app.whenReady();

  const root = options.appRoot ?? app.getAppPath();
  const dataDir = options.dataDir ?? (process.env.CERTBELL_DATA_DIR || app.getPath('userData'));
  const iconsDir = join(root, 'build', 'icons');
  const secrets = setupSecrets({ logger });
  const notifier = setupNotifier({ logger, icon: join(iconsDir, 'icon.png') });
  // Window state and the tray's pause (electron-store, DIR/preferences.json); the core keeps its pause there.
  const preferences = setupPreferences({ dataDir, logger });
  const autostart = setupAutostart(options.autostart);
  const { decrypt } = secrets;
  let tray: CertbellTray | undefined = undefined;
  let core: Core;
  try {
    // powerMonitor reports resume here (below), so the core need not watch the clock for it. Hooks-file
    // runs go to utility processes: with the runAsNode fuse off, this binary cannot be started as Node.
    core = await createCore({ dataDir, logger, notifier, pause: preferences.pause, now: options.now, configOptions: { decrypt }, tunnel: { detectResume: false },
      encrypt: secrets.encrypt, secretStorage: secrets.status,
      scriptLauncher: utilityProcessLauncher(),
      onConfigChange: (loaded) => { applyAutostart(loaded.config.desktop.autostart); void tray?.refresh(); } });
  } catch (error) {
    const problem = explainStartError(error, { configFile: configFile(dataDir) });
    logger.error(`${problem.title}: ${problem.message}`);
    dialog.showErrorBox(problem.title, problem.message);
    app.exit(1);
    return null;
  }
  function applyAutostart(enabled: boolean) {
    try { autostart.apply(enabled); } catch (error) { logger.error(`autostart: ${(error as Error).message}`); }
  }
  applyAutostart(core.config().config.desktop.autostart);

  const api = core.api;
  setupProtocol(join(root, 'dist', 'renderer'));
  // The window is created lazily (on open), after `ipc` below exists.
  const window = setupWindow({ preload: join(root, 'dist', 'electron', 'preload', 'index.cjs'), logger,
    preferences, icon: join(iconsDir, 'icon.png'), onCreated: (win) => ipc.attach(win) });
  const ipc = setupIpc({ api, window, logger });
  notifier.onClick((shown) => window.open(routeFor(shown)));
  app.on('second-instance', () => window.open());

  let quitting: Promise<void> | null = null;
  const quit = () => {
    quitting ??= (async () => {
      tray?.destroy();
      ipc.stop();
      await core.stop();
    })().catch((error: Error) => logger.error(`quit: ${error.message}`)).finally(() => app.exit(0));
    return quitting;
  };
  tray = setupTray({ api, logger, now: options.now, iconsDir,
    openWindow: (route) => window.open(route), quit: () => void quit() });
  // The OS (logout, Cmd+Q) asks to quit too: stop the core first, so the database closes cleanly.
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    void quit();
  });
  // After sleep: restart the tunnel (its connection is gone), check expiry, redraw the tray.
  powerMonitor.on('resume', () => {
    core.resume();
    void tray?.refresh();
  });
  logger.info(`listening on ${core.webhookUrl()}`);
  // Started at login: stay in the tray (Linux and Windows pass --hidden; macOS login items cannot).
  const atLogin = argv.includes('--hidden') || ((options.platform ?? process.platform) === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!atLogin) window.open();
  return { core, api, window, quit };
}
