/**
 * The main window, created on demand and destroyed on close: a hidden window would keep a
 * renderer process alive for a tray app that is mostly idle. Size, position and the last route
 * are remembered across openings and restarts.
 */
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/logger.ts';
import { guardWebContents, isAppUrl } from './guards.ts';
import { APP_URL } from './protocol.ts';
import type { Preferences, WindowState } from './preferences.ts';

export interface WindowOptions {
  preload: string;
  /** Where size, position and the last route are kept (electron-store). */
  preferences: Pick<Preferences, 'windowState' | 'saveWindowState'>;
  icon?: string;
  logger: Logger;
  /** Called with each new window (the IPC layer forwards events to it). */
  onCreated?: (window: BrowserWindow) => void;
}

export interface MainWindow {
  /** Shows the window (creating it if needed), at `route` when given (`#/certificates/abc`). */
  open(route?: string): BrowserWindow;
  current(): BrowserWindow | null;
  /** Whether an IPC message comes from our window's top frame, showing our own origin. */
  isTrusted(sender: { id: number } | null | undefined, frame: { url: string; parent: unknown } | null | undefined): boolean;
}

function routeOf(url: string): string {
  const hash = new URL(url).hash;
  return hash && hash.length > 1 ? hash : '#/dashboard';
}

export function setupWindow(options: WindowOptions): MainWindow {
  let window: BrowserWindow | null = null;
  let state: WindowState = options.preferences.windowState();

  const remember = (win: BrowserWindow) => {
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    const url = win.webContents.getURL();
    state = { width: bounds.width, height: bounds.height, x: bounds.x, y: bounds.y, route: url && isAppUrl(url) ? routeOf(url) : state.route };
    options.preferences.saveWindowState(state);
  };

  const create = (route: string): BrowserWindow => {
    const win = new BrowserWindow({
      width: state.width, height: state.height, ...(state.x !== undefined ? { x: state.x, y: state.y } : {}),
      minWidth: 640, minHeight: 420, show: false, title: 'Certbell', ...(options.icon ? { icon: options.icon } : {}),
      autoHideMenuBar: true,
      // Spelled out here (not spread from a constant) so reviewers and electronegativity see each one.
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        // Middle-click would otherwise try to open links in new windows (denied anyway).
        disableBlinkFeatures: 'Auxclick',
        preload: options.preload,
      },
    });
    guardWebContents(win.webContents);
    win.once('ready-to-show', () => win.show());
    win.on('close', () => remember(win));
    win.on('closed', () => { if (window === win) window = null; });
    void win.loadURL(`${APP_URL}${route}`).catch((error: Error) => options.logger.error(`window: ${error.message}`));
    options.onCreated?.(win);
    return win;
  };

  const current = () => (window && !window.isDestroyed() ? window : null);

  return {
    open(route) {
      if (!window || window.isDestroyed()) {
        window = create(route ?? state.route);
        return window;
      }
      if (route) void window.loadURL(`${APP_URL}${route}`);
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return window;
    },
    current,
    isTrusted(sender, frame) {
      const win = current();
      return Boolean(win && sender && sender.id === win.webContents.id && frame && frame.parent === null && isAppUrl(frame.url));
    },
  };
}
