/**
 * The core's notifier port over Electron's `Notification`. What to show, and whether quiet hours
 * silence it, is the core's decision; the shell only adds "Pause notifications" from the tray.
 */
import { Notification } from 'electron';
import type { Notifier } from '../core/notifications/notifier.ts';
import type { Logger } from '../core/logger.ts';
import type { ShownNotification } from '../../shared/notify/types.ts';
import { href } from '../../shared/routes/hash-route.ts';

export interface DesktopNotifier extends Notifier {
  /** Until when shows are held back (ms since epoch), or null. */
  pausedUntil(): number | null;
  pause(until: number | null): void;
}

export function setupNotifier(options: { logger: Logger; now?: () => number; icon?: string }): DesktopNotifier {
  const now = options.now ?? Date.now;
  const listeners: Array<(n: ShownNotification) => void> = [];
  // Electron drops a Notification that is garbage-collected before it is clicked: keep them referenced.
  const live = new Set<Notification>();
  let until: number | null = null;
  let closed = false;
  const pausedUntil = () => (until !== null && until > now() ? until : null);
  return {
    name: 'electron',
    pausedUntil,
    pause(next) { until = next; },
    async show(shown) {
      if (closed) throw new Error('the desktop notifier is closed');
      if (pausedUntil() !== null) return;
      if (!Notification.isSupported()) {
        options.logger.warn('notifications: this system does not support desktop notifications');
        return;
      }
      const native = new Notification({ title: shown.title, body: shown.body, urgency: shown.urgency,
        ...(options.icon ? { icon: options.icon } : {}) });
      live.add(native);
      native.on('click', () => {
        live.delete(native);
        for (const listener of listeners) listener(shown);
      });
      native.on('close', () => live.delete(native));
      native.show();
    },
    onClick(listener) { listeners.push(listener); },
    async close() {
      closed = true;
      live.clear();
    },
  };
}

/** Where a click on a notification leads: its delivery, else its certificate, else the history. */
export function routeFor(shown: Pick<ShownNotification, 'deliveryId' | 'certificateId'>): string {
  if (shown.deliveryId) return href('deliveries', shown.deliveryId);
  if (shown.certificateId) return href('certificates', shown.certificateId);
  return href('notifications');
}
