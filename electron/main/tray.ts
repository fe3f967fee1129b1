/**
 * The tray icon and its menu. Everything shown comes from the core through the api; the menu is
 * rebuilt whenever a pushed event may have changed it. The Tray object is kept referenced here
 * (a collected Tray disappears from the tray).
 */
import { join } from 'node:path';
import { clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { tunnelProblem, type NotificationEntry } from '../../shared/bridge/index.ts';
import { PAUSE_HOUR_MS, tomorrowMorning } from '../../shared/notify/pause.ts';
import type { Api } from '../core/api/create-api.ts';
import type { Logger } from '../core/logger.ts';
import { routeFor } from './notifier.ts';
import { trayStatus, type TrayIcon, type TrayStatus } from './tray-state.ts';

export interface TrayOptions {
  api: Api;
  openWindow: (route?: string) => void;
  quit: () => void;
  iconsDir: string;
  logger: Logger;
  now?: () => number;
  /** daysLeft moves with the clock: refresh at least this often. */
  refreshMs?: number;
}

export interface CertbellTray {
  refresh(): Promise<void>;
  destroy(): void;
}

const RECENT = 5;
const TRAY_EVENTS: ReadonlySet<string> = new Set(['certificate', 'notification', 'tunnel', 'pause']);
const DEFAULT_REFRESH_MS = 3_600_000;

function iconFile(dir: string, icon: TrayIcon): string {
  return join(dir, `tray-${icon}.png`);
}

export function setupTray(options: TrayOptions): CertbellTray {
  const now = options.now ?? Date.now;
  const tray = new Tray(nativeImage.createFromPath(iconFile(options.iconsDir, 'ok')));
  let recent: NotificationEntry[] = [];
  /** The core's pause as last read (ms since epoch), or null. */
  let pausedUntil: number | null = null;
  let shownIcon: TrayIcon = 'ok';
  // Some Linux trays never emit click; the menu's "Open Certbell" is always there.
  tray.on('click', () => options.openWindow());

  /** The pause is the core's (the history says "paused"); the tray only asks for it. */
  const pause = (until: number | null) => {
    void options.api.call('notifications.pause', { until: until === null ? null : new Date(until).toISOString() })
      .catch((error: Error) => options.logger.error(`tray: ${error.message}`))
      .then(() => refresh());
  };
  const pauseMenu = (): MenuItemConstructorOptions[] => [
    { label: 'For 1 hour', click: () => pause(now() + PAUSE_HOUR_MS) },
    { label: 'Until tomorrow', click: () => pause(tomorrowMorning(now())) },
    { label: 'Resume', enabled: pausedUntil !== null, click: () => pause(null) },
  ];

  const recentMenu = (): MenuItemConstructorOptions[] => [
    ...(recent.length === 0 ? [{ label: 'No notifications yet', enabled: false }] : recent.map((n) => ({
      label: n.title.length > 60 ? `${n.title.slice(0, 59)}…` : n.title,
      click: () => options.openWindow(routeFor(n)),
    }))),
    { type: 'separator' },
    { label: 'Show all', click: () => options.openWindow('#/notifications') },
  ];

  const render = (status: TrayStatus) => {
    const until = pausedUntil;
    const template: MenuItemConstructorOptions[] = [
      { label: status.statusLine, enabled: false },
      { label: 'Copy webhook URL', enabled: status.copyUrl !== null, click: () => { if (status.copyUrl) clipboard.writeText(status.copyUrl); } },
      { type: 'separator' },
      { label: 'Recent notifications', submenu: recentMenu() },
      { label: until ? `Notifications paused until ${new Date(until).toLocaleTimeString()}` : 'Pause notifications', submenu: pauseMenu() },
      { type: 'separator' },
      { label: 'Open Certbell', click: () => options.openWindow() },
      { label: 'Quit', click: () => options.quit() },
    ];
    tray.setContextMenu(Menu.buildFromTemplate(template));
    tray.setToolTip(status.tooltip);
    if (status.icon !== shownIcon) {
      tray.setImage(nativeImage.createFromPath(iconFile(options.iconsDir, status.icon)));
      shownIcon = status.icon;
    }
  };

  let pending: Promise<void> | null = null;
  let again = false;
  const load = async () => {
    const [status, certificates, notifications, tunnel, paused] = await Promise.all([
      options.api.call('status', {}), options.api.call('certificates.list', {}), options.api.call('notifications.list', { limit: RECENT }),
      options.api.call('tunnel.state', {}), options.api.call('notifications.pauseState', {}),
    ]);
    recent = notifications;
    pausedUntil = paused.pausedUntil === null ? null : Date.parse(paused.pausedUntil);
    // The tunnel's webhook URL: `tunnel.publicUrl`, else the URL the running tunnel printed + the path.
    render(trayStatus({ listening: true, webhookUrl: status.webhookUrl, publicUrl: tunnel.webhookUrl,
      listenerPath: status.listener.path, certificates, pausedUntil, tunnelError: tunnelProblem(tunnel) }));
  };
  const once = () => load().catch((error: Error) => {
    options.logger.error(`tray: ${error.message}`);
    render(trayStatus({ listening: false, webhookUrl: null, publicUrl: null, listenerPath: '/',
      certificates: [], pausedUntil }));
  });
  /** One load at a time; a refresh asked for during a load runs once more after it, so nothing is missed. */
  const refresh = (): Promise<void> => {
    if (pending) { again = true; return pending; }
    pending = (async () => {
      do { again = false; await once(); } while (again);
    })().finally(() => {
      pending = null;
      // Asked for between the last load and this callback.
      if (again) void refresh();
    });
    return pending;
  };

  const unsubscribe = options.api.subscribe((event) => {
    // Only these change what the tray shows; a stored delivery alone, or an output line, does not.
    if (TRAY_EVENTS.has(event.event)) void refresh();
  });
  const timer = setInterval(() => void refresh(), options.refreshMs ?? DEFAULT_REFRESH_MS);
  timer.unref?.();
  void refresh();

  return {
    refresh,
    destroy() {
      clearInterval(timer);
      unsubscribe();
      tray.destroy();
    },
  };
}
