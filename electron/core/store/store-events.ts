/**
 * Commits as they happen, for pushed bridge events. The writer is wrapped rather than polled:
 * a subscriber hears about a write only once it is durable, and without subscribers it costs
 * one empty loop per commit.
 */
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { NewNotification } from './delivery-types.ts';
import type { DeploymentWrite } from '../deployment/deployment-types.ts';
import type { SyncWrite } from '../provider/sync-types.ts';
import type { DeliveryWriter } from './write/delivery-writer.ts';
import type { NewDelivery, StoredDelivery } from './delivery-types.ts';

export type StoreCommit =
  | { kind: 'delivery'; stored: StoredDelivery; record: NewDelivery }
  | { kind: 'note'; notifications: NewNotification[]; certificate: CertificateRecord | null }
  | { kind: 'deployment'; write: DeploymentWrite }
  | { kind: 'sync'; write: SyncWrite };

export class StoreEvents {
  private readonly listeners = new Set<(commit: StoreCommit) => void>();

  /** Returns the unsubscribe function. */
  onCommit(listener: (commit: StoreCommit) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  emit(commit: StoreCommit): void {
    for (const listener of this.listeners) {
      // A failing subscriber (e.g. a closed UI connection) must never fail the write it observes.
      try { listener(commit); } catch { /* the subscriber's own problem */ }
    }
  }
}

/** The same writer, telling `events` about each commit after it resolves. */
export function observedWriter(writer: DeliveryWriter, events: StoreEvents): DeliveryWriter {
  return {
    async add(record) {
      const stored = await writer.add(record);
      if (events.listening) events.emit({ kind: 'delivery', stored, record });
      return stored;
    },
    async note(notifications, certificate) {
      await writer.note(notifications, certificate);
      if (events.listening) events.emit({ kind: 'note', notifications, certificate });
    },
    async deployment(write) {
      await writer.deployment(write);
      if (events.listening) events.emit({ kind: 'deployment', write });
    },
    async sync(write) {
      await writer.sync(write);
      if (events.listening) events.emit({ kind: 'sync', write });
    },
    prune: (limits, now) => writer.prune(limits, now),
    flush: () => writer.flush(),
    close: () => writer.close(),
  };
}
