/** The push side of the bridge: events the core sends to the UI as they happen. */
import type { CertificateSummary, DeliverySummary, NotificationEntry } from './types.ts';

export interface BridgeEvents {
  /** A delivery was stored (any outcome). */
  delivery: DeliverySummary;
  /** A notification was recorded, shown or not. */
  notification: NotificationEntry;
  /** A certificate's state changed. */
  certificate: CertificateSummary;
}

export type EventName = keyof BridgeEvents;
export const EVENT_NAMES: readonly EventName[] = ['delivery', 'notification', 'certificate'];

export type BridgeEvent = { [E in EventName]: { event: E; data: BridgeEvents[E] } }[EventName];
