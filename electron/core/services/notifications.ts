/** The notification history (SPEC §7), shown or not, and the settings page's test notification. */
import type { NotificationEntry } from '../../../shared/bridge/index.ts';
import type { ServiceParts } from './service-parts.ts';
import { sendTestNotification } from './test-notification.ts';

export const DEFAULT_HISTORY_LIMIT = 50;

export class NotificationService {
  private readonly parts: ServiceParts;

  constructor(parts: ServiceParts) {
    this.parts = parts;
  }

  /** Newest first; only those of `certificateId` when given. */
  list(limit = DEFAULT_HISTORY_LIMIT, certificateId?: string): NotificationEntry[] {
    return this.parts.store.certificates.notifications(limit, certificateId);
  }

  test(): Promise<NotificationEntry> {
    return sendTestNotification(this.parts.notifications(), this.parts.store);
  }
}
