/** `notifications.test`: the settings page's "send test notification", through the same path as every other notification. */
import type { NotificationEntry } from '../../../shared/bridge/index.ts';
import type { NotificationDecision } from '../../../shared/notify/types.ts';
import type { NotificationCenter } from '../notifications/notification-center.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';

export const TEST_NOTIFICATION_TITLE = 'Test notification from Certbell';

export async function sendTestNotification(center: NotificationCenter, store: DeliveryStore): Promise<NotificationEntry> {
  const decision: NotificationDecision = {
    kind: 'test', title: TEST_NOTIFICATION_TITLE, urgency: 'normal', certificateId: null, deliveryId: null, commonName: null,
    body: 'Notifications reach you. If this was not shown, check the notification kinds, quiet hours and your desktop settings.',
  };
  await center.raise([decision]);
  const recorded = store.certificates.notifications(50).find((n) => n.kind === 'test' && n.title === TEST_NOTIFICATION_TITLE);
  if (!recorded) throw new Error('the test notification was not recorded');
  return recorded;
}
