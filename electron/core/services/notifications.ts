/** The notification history (SPEC §7), shown or not, and the settings page's test notification. */
import type { NotificationEntry, PauseState } from '../../../shared/bridge/index.ts';
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

  /** Until when notifications are paused (the tray, the UI, `certbell notifications pause`). */
  pauseState(): PauseState {
    return pauseState(this.parts.notifications().pausedUntil());
  }

  /** Pauses until the ISO instant `until`, or resumes (null, or an instant already past). */
  pause(until: string | null): PauseState {
    return pauseState(this.parts.notifications().pause(until === null ? null : Date.parse(until)));
  }

  /** Each pause, resume and end of a pause, also by another process (the bridge's `pause` event). */
  onPauseChange(listener: (state: PauseState) => void): () => void {
    return this.parts.notifications().onPauseChange((until) => listener(pauseState(until)));
  }
}

const pauseState = (until: number | null): PauseState => ({ pausedUntil: until === null ? null : new Date(until).toISOString() });
