/** A certificate's timeline: its deliveries, notifications and deployment state changes in one list. */
import type { DeliverySummary, NotificationEntry } from '../../../shared/bridge/index.ts';
import type { StateChange } from './deployment.ts';

export type TimelineItem =
  | { at: string; delivery: DeliverySummary }
  | { at: string; notification: NotificationEntry }
  | { at: string; change: StateChange };

/** What caused what, for items at one instant: a delivery, then its notification; a check, then its notification. */
function order(item: TimelineItem): number {
  return 'notification' in item ? 0 : 1;
}

/** Newest first; at one instant the effect (notification) above its cause. */
export function mergeTimeline(deliveries: readonly DeliverySummary[], notifications: readonly NotificationEntry[],
  changes: readonly StateChange[] = []): TimelineItem[] {
  const items: TimelineItem[] = [
    ...deliveries.map((d) => ({ at: d.receivedAt, delivery: d })),
    ...notifications.map((n) => ({ at: n.createdAt, notification: n })),
    ...changes.map((change) => ({ at: change.result.checkedAt, change })),
  ];
  return items.sort((a, b) => b.at.localeCompare(a.at) || order(a) - order(b));
}
