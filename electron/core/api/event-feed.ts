/** Store commits turned into the bridge's pushed events (delivery, certificate, notification). */
import type { BridgeEvent } from '../../../shared/bridge/index.ts';
import type { Services } from '../services/index.ts';
import type { StoreCommit, StoreEvents } from '../store/store-events.ts';
import type { DeploymentWrite } from '../deployment/deployment-types.ts';
import type { SyncWrite } from '../provider/sync-types.ts';

const NOTIFICATION_BATCH = 500;

export class StoreEventFeed {
  private readonly listeners = new Set<(event: BridgeEvent) => void>();
  private readonly services: Services;
  private readonly storeEvents: StoreEvents;
  private stopListening: (() => void) | null = null;
  private lastNotificationId = 0;

  constructor(services: Services, storeEvents: StoreEvents) {
    this.services = services;
    this.storeEvents = storeEvents;
  }

  /** The store is observed only while someone listens. */
  subscribe(listener: (event: BridgeEvent) => void): () => void {
    if (this.listeners.size === 0) {
      this.lastNotificationId = this.services.notifications.list(1)[0]?.id ?? 0;
      this.stopListening = this.storeEvents.onCommit((commit) => this.onCommit(commit));
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) { this.stopListening?.(); this.stopListening = null; }
    };
  }

  private onCommit(commit: StoreCommit): void {
    if (commit.kind === 'deployment') {
      this.onDeployment(commit.write);
      return;
    }
    if (commit.kind === 'sync') {
      this.onSync(commit.write);
      return;
    }
    if (commit.kind === 'delivery') {
      const summary = this.services.deliveries.summary(commit.stored.id);
      if (summary) this.send({ event: 'delivery', data: summary });
    }
    const certificate = commit.kind === 'delivery' ? commit.record.certificate : commit.certificate;
    const current = certificate ? this.services.certificates.get(certificate.id) : undefined;
    if (current) this.send({ event: 'certificate', data: current });
    const noted = commit.kind === 'delivery' ? commit.record.notifications?.length : commit.notifications.length;
    if (noted) this.sendNewNotifications();
  }

  /** Each result as checked, then each certificate whose worst state it may have changed. */
  private onDeployment(write: DeploymentWrite): void {
    for (const data of this.services.deployment.results(write.checks.map((c) => c.record))) this.send({ event: 'deployment', data });
    for (const id of new Set(write.checks.map((c) => c.record.certificateId))) {
      const current = this.services.certificates.get(id);
      if (current) this.send({ event: 'certificate', data: current });
    }
    if (write.notifications.length > 0) this.sendNewNotifications();
  }

  /** Each certificate a sync changed (the sync status itself is pushed by the sync service). */
  private onSync(write: SyncWrite): void {
    for (const { id } of write.certificates) {
      const current = this.services.certificates.get(id);
      if (current) this.send({ event: 'certificate', data: current });
    }
    if (write.notifications.length > 0) this.sendNewNotifications();
  }

  private sendNewNotifications(): void {
    const fresh = this.services.notifications.list(NOTIFICATION_BATCH)
      .filter((n) => n.id > this.lastNotificationId).reverse();
    for (const entry of fresh) {
      this.lastNotificationId = entry.id;
      this.send({ event: 'notification', data: entry });
    }
  }

  private send(event: BridgeEvent): void {
    for (const listener of this.listeners) {
      try { listener(event); } catch { /* one broken subscriber must not starve the others */ }
    }
  }
}
