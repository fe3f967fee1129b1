/**
 * The core's notifier port over Electron's `Notification`. What to show, and whether a pause or
 * quiet hours silence it, is the core's decision (so the history says why); this only shows.
 */
import { Notification } from 'electron';
import type { Notifier } from '../core/notifications/notifier.ts';
import type { Logger } from '../core/logger.ts';
import type { ShownNotification } from '../../shared/notify/types.ts';
import { href } from '../../shared/routes/hash-route.ts';

export function setupNotifier(options: { logger: Logger; icon?: string }): Notifier {
  const listeners: Array<(n: ShownNotification) => void> = [];
  // Electron drops a Notification that is garbage-collected before it is clicked: keep them referenced.
  const live = new Set<Notification>();
  let closed = false;
  return {
    name: 'electron',
    async show(shown) {
      if (closed) throw new Error('the desktop notifier is closed');
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
