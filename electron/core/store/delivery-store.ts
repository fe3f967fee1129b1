/**
 * Deliveries in SQLite, on this thread's one connection: reads (`reads`, `certificates`, and the
 * ingest's history lookups) and writes (a DeliveryWriter on the same connection, so a read sees
 * every write made before it — committed or still in this turn's transaction).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { statementCache } from './statement-cache.ts';
import { InlineWriter, type DeliveryWriter } from './write/delivery-writer.ts';
import { DeliveryReads } from './read/delivery-reads.ts';
import type { NewDelivery, NewNotification, StoredDelivery } from './delivery-types.ts';
import type { RetentionLimits } from './write/retention.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import { CertificateReads } from './read/certificate-reads.ts';
import { DeploymentReads } from './read/deployment-reads.ts';
import type { DeploymentWrite } from '../deployment/deployment-types.ts';
import type { SyncWrite } from '../provider/sync-types.ts';
import { SyncReads } from './read/sync-reads.ts';
import { ACCEPTED_BEFORE } from './write/delivery-writes.ts';

export interface DeliveryHistory {
  accepted: boolean;
  firstReceivedAt: number | null;
}

export interface SignedContentUse {
  deliveryId: string;
  event: string | null;
}

export class DeliveryStore {
  private readonly db: DatabaseSync;
  private readonly writer: DeliveryWriter;
  private readonly sql: (sql: string) => StatementSync;
  /** Deliveries (lists, records, bodies) read on this connection: the one read model of both faces. */
  readonly reads: DeliveryReads;
  /** The inventory and the notification history, read on this connection. */
  readonly certificates: CertificateReads;
  /** Deployment checks (SPEC §12): latest per target, history, target memories. */
  readonly deployments: DeploymentReads;
  /** Provider syncs (SPEC §13): runs and what they changed. */
  readonly syncs: SyncReads;

  /** Without a writer, writes go to `db` with SQLite's own sync in each COMMIT. */
  constructor(db: DatabaseSync, writer: DeliveryWriter = new InlineWriter(db)) {
    this.db = db;
    this.writer = writer;
    this.reads = new DeliveryReads(db);
    this.certificates = new CertificateReads(db);
    this.deployments = new DeploymentReads(db);
    this.syncs = new SyncReads(db);
    this.sql = statementCache(db);
  }

  /** Written at once (the outcome may have become `duplicate`); resolves once durable. */
  add(record: NewDelivery): Promise<StoredDelivery> {
    return this.writer.add(record);
  }

  /** Notification history (and a certificate's new expiry state), durably. */
  note(notifications: NewNotification[], certificate: CertificateRecord | null = null): Promise<void> {
    return this.writer.note(notifications, certificate);
  }

  /** A deployment round's results (SPEC §12), durably. */
  recordDeployment(write: DeploymentWrite): Promise<void> {
    return this.writer.deployment(write);
  }

  /** A provider sync's run and what it changed (SPEC §13), durably, in one transaction. */
  recordSync(write: SyncWrite): Promise<void> {
    return this.writer.sync(write);
  }

  /** One retention batch (see retention.ts). */
  prune(limits: RetentionLimits, now: number): Promise<number> {
    return this.writer.prune(limits, now);
  }

  /** Commits what this turn has written, now. */
  flush(): void {
    this.writer.flush();
  }

  /** Makes everything written durable and stops the writer; the caller closes `db`. */
  close(): Promise<void> {
    return this.writer.close();
  }

  /** When this delivery id was first received (its first attempt), if ever. */
  firstReceivedAt(deliveryId: string): number | null {
    return this.history(deliveryId).firstReceivedAt;
  }

  /** Whether an attempt with this delivery id was accepted before. */
  wasAccepted(deliveryId: string): boolean {
    return this.history(deliveryId).accepted;
  }

  /** Both facts about a delivery id's earlier attempts, in one index lookup. */
  history(deliveryId: string): DeliveryHistory {
    const row = this.sql(`SELECT MIN(received_at) AS first, MAX(${ACCEPTED_BEFORE}) AS accepted FROM deliveries
      WHERE delivery_id = ?`).get(deliveryId) as { first: number | null; accepted: number | null };
    return { firstReceivedAt: row.first, accepted: row.accepted === 1 };
  }

  /**
   * Accepted deliveries (or duplicates of them) whose signed content has this key (SPEC §11): the
   * delivery id first accepted with it, per event.
   */
  signedContent(signedKey: string): SignedContentUse[] {
    return this.sql(`SELECT COALESCE(replay_of, delivery_id) AS deliveryId, event FROM deliveries
      WHERE signed_key = ? AND ${ACCEPTED_BEFORE} ORDER BY id LIMIT 32`).all(signedKey) as unknown as SignedContentUse[];
  }

}
