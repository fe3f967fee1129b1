/**
 * Where writes go. `InlineWriter` commits on the calling thread (CLI, tests); `WorkerWriter`
 * (store-writer-worker.ts) commits on a worker thread so the fsync of each group commit never
 * blocks the listener. Both resolve `add` only once the record is committed.
 */
import type { DatabaseSync } from 'node:sqlite';
import { DeliveryWrites, toInsert } from './delivery-writes.ts';
import type { CertificateRecord } from '../../certificates/certificate-types.ts';
import type { DeploymentWrite } from '../../deployment/deployment-types.ts';
import type { SyncWrite } from '../../provider/sync-types.ts';
import type { NewNotification } from '../delivery-types.ts';
import type { NewDelivery, StoredDelivery } from '../delivery-types.ts';
import { GroupCommit } from './group-commit.ts';
import { pruneBatchSync, type RetentionLimits } from './retention.ts';

export interface DeliveryWriter {
  add(record: NewDelivery): Promise<StoredDelivery>;
  /** Notification history rows and (optionally) a certificate's new state, in one transaction. */
  note(notifications: NewNotification[], certificate: CertificateRecord | null): Promise<void>;
  /** A deployment round's results, target memories and notifications (SPEC §12), in one transaction. */
  deployment(write: DeploymentWrite): Promise<void>;
  /** A provider sync's run, certificates, changes and notifications (SPEC §13), in one transaction. */
  sync(write: SyncWrite): Promise<void>;
  /** One retention batch; resolves with the number of rows deleted. */
  prune(limits: RetentionLimits, now: number): Promise<number>;
  /** Writes anything queued, then stops taking writes. */
  close(): Promise<void>;
}

export class InlineWriter implements DeliveryWriter {
  private readonly db: DatabaseSync;
  private readonly commits: GroupCommit<NewDelivery, StoredDelivery>;
  private readonly writes: DeliveryWrites;

  constructor(db: DatabaseSync) {
    this.db = db;
    const writes = new DeliveryWrites(db);
    this.writes = writes;
    this.commits = new GroupCommit(db, (record) => writes.insertSync(toInsert(record)));
  }

  async note(notifications: NewNotification[], certificate: CertificateRecord | null): Promise<void> {
    this.transaction(() => this.writes.noteSync(notifications, certificate));
  }

  async deployment(write: DeploymentWrite): Promise<void> {
    this.transaction(() => this.writes.deployments.writeSync(write));
  }

  async sync(write: SyncWrite): Promise<void> {
    this.transaction(() => this.writes.syncs.writeSync(write));
  }

  /** After what is queued: one transaction of its own. */
  private transaction(work: () => void): void {
    this.commits.flush();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  add(record: NewDelivery): Promise<StoredDelivery> {
    return this.commits.submit(record);
  }

  async prune(limits: RetentionLimits, now: number): Promise<number> {
    return pruneBatchSync(this.db, limits, now);
  }

  /** Commits what is queued now, synchronously. */
  flushSync(): void {
    this.commits.flush();
  }

  async close(): Promise<void> {
    this.commits.flush();
  }
}
