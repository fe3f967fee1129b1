/** A certificate's timeline: its deliveries, notifications, deployment state changes and provider sync findings in one list. */
import type { DeliverySummary, NotificationEntry, SyncChange } from '../../../shared/bridge/index.ts';
import type { StateChange } from './deployment.ts';

export type TimelineItem =
  | { at: string; delivery: DeliverySummary }
  | { at: string; notification: NotificationEntry }
  | { at: string; change: StateChange };

/** A state a provider sync found (SPEC §13 "found by provider sync"). */
export type SyncTimelineItem = { at: string; sync: SyncChange };

/** What caused what, for items at one instant: a delivery, then its notification; a check or a sync, then its notification. */
function order(item: TimelineItem | SyncTimelineItem): number {
  return 'notification' in item ? 0 : 1;
}

/** Newest first; at one instant the effect (notification) above its cause. */
function newestFirst<T extends TimelineItem | SyncTimelineItem>(items: T[]): T[] {
  return items.sort((a, b) => b.at.localeCompare(a.at) || order(a) - order(b));
}

export function mergeTimeline(deliveries: readonly DeliverySummary[], notifications: readonly NotificationEntry[],
  changes: readonly StateChange[] = []): TimelineItem[] {
  return newestFirst<TimelineItem>([
    ...deliveries.map((d) => ({ at: d.receivedAt, delivery: d })),
    ...notifications.map((n) => ({ at: n.createdAt, notification: n })),
    ...changes.map((change) => ({ at: change.result.checkedAt, change })),
  ]);
}

/** The timeline with what provider syncs found merged in, in the same order. */
export function withSyncChanges(timeline: readonly TimelineItem[], syncChanges: readonly SyncChange[]): (TimelineItem | SyncTimelineItem)[] {
  return newestFirst<TimelineItem | SyncTimelineItem>([...timeline, ...syncChanges.map((sync) => ({ at: sync.at, sync }))]);
}
