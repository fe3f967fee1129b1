/** The notifier of the headless commands (`serve`, `replay`). */
import type { Logger } from '../core/logger.ts';
import { NullNotifier, type Notifier } from '../core/notifications/notifier.ts';
import { NO_SESSION_BUS } from './session-bus.ts';

/**
 * Native notifications through D-Bus on Linux; elsewhere, or without a session bus, history only.
 * Without a bus address dbus-next is not even loaded (it and its XML parser hold ~10 MB).
 */
export async function headlessNotifier(logger: Logger, env: NodeJS.ProcessEnv): Promise<Notifier> {
  if (process.platform !== 'linux') {
    logger.warn('notifications: native notifications need the desktop app on this platform; recording history only');
    return new NullNotifier();
  }
  try {
    if (!env.DBUS_SESSION_BUS_ADDRESS) throw new Error(NO_SESSION_BUS);
    const { connectDbusNotifier } = await import('./dbus-notifier.ts');
    const notifier = await connectDbusNotifier({ address: env.DBUS_SESSION_BUS_ADDRESS, logger });
    notifier.onClick((n) => logger.info(`notification clicked: ${n.title}`
      + `${n.deliveryId ? ` (delivery ${n.deliveryId})` : ''}${n.certificateId ? ` (certificate ${n.certificateId})` : ''}`));
    return notifier;
  } catch (error) {
    logger.warn(`notifications: no desktop notifications (${(error as Error).message}); recording history only`);
    return new NullNotifier();
  }
}
