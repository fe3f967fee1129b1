/**
 * The tray icon and its menu. Everything shown comes from the core through the api; the menu is
 * rebuilt whenever a pushed event may have changed it. The Tray object is kept referenced here
 * (a collected Tray disappears from the tray).
 */
import { join } from 'node:path';
import { clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { tunnelProblem, type NotificationEntry } from '../../shared/bridge/index.ts';
import type { Api } from '../core/api/create-api.ts';
import type { Logger } from '../core/logger.ts';
import { routeFor, type DesktopNotifier } from './notifier.ts';
import { trayStatus, type TrayIcon, type TrayStatus } from './tray-state.ts';

export interface TrayOptions {
  api: Api;
  notifier: Pick<DesktopNotifier, 'pause' | 'pausedUntil'>;
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
const TRAY_EVENTS: ReadonlySet<string> = new Set(['certificate', 'notification', 'tunnel']);
const HOUR = 3_600_000;

/** "Until tomorrow" means until 08:00 the next morning, local time. */
export function tomorrowMorning(now: number): number {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(8, 0, 0, 0);
  return date.getTime();
}

function iconFile(dir: string, icon: TrayIcon): string {
  return join(dir, `tray-${icon}.png`);
}

export function setupTray(options: TrayOptions): CertbellTray {
  const now = options.now ?? Date.now;
  const tray = new Tray(nativeImage.createFromPath(iconFile(options.iconsDir, 'ok')));
  let recent: NotificationEntry[] = [];
  let shownIcon: TrayIcon = 'ok';
  // Some Linux trays never emit click; the menu's "Open Certbell" is always there.
  tray.on('click', () => options.openWindow());

  const pauseMenu = (): MenuItemConstructorOptions[] => {
    const until = options.notifier.pausedUntil();
    return [
      { label: 'For 1 hour', click: () => { options.notifier.pause(now() + HOUR); void refresh(); } },
      { label: 'Until tomorrow', click: () => { options.notifier.pause(tomorrowMorning(now())); void refresh(); } },
      { label: 'Resume', enabled: until !== null, click: () => { options.notifier.pause(null); void refresh(); } },
    ];
  };

  const recentMenu = (): MenuItemConstructorOptions[] => [
    ...(recent.length === 0 ? [{ label: 'No notifications yet', enabled: false }] : recent.map((n) => ({
      label: n.title.length > 60 ? `${n.title.slice(0, 59)}…` : n.title,
      click: () => options.openWindow(routeFor(n)),
    }))),
    { type: 'separator' },
    { label: 'Show all', click: () => options.openWindow('#/notifications') },
  ];

  const render = (status: TrayStatus) => {
    const until = options.notifier.pausedUntil();
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
    const [status, certificates, notifications, tunnel] = await Promise.all([
      options.api.call('status', {}), options.api.call('certificates.list', {}), options.api.call('notifications.list', { limit: RECENT }),
      options.api.call('tunnel.state', {}),
    ]);
    recent = notifications;
    // The tunnel's webhook URL: `tunnel.publicUrl`, else the URL the running tunnel printed + the path.
    render(trayStatus({ listening: true, webhookUrl: status.webhookUrl, publicUrl: tunnel.webhookUrl,
      listenerPath: status.listener.path, certificates, pausedUntil: options.notifier.pausedUntil(), tunnelError: tunnelProblem(tunnel) }));
  };
  const once = () => load().catch((error: Error) => {
    options.logger.error(`tray: ${error.message}`);
    render(trayStatus({ listening: false, webhookUrl: null, publicUrl: null, listenerPath: '/',
      certificates: [], pausedUntil: options.notifier.pausedUntil() }));
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
  const timer = setInterval(() => void refresh(), options.refreshMs ?? HOUR);
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
