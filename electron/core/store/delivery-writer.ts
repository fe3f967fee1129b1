/**
 * Where writes go. `InlineWriter` commits on the calling thread (CLI, tests); `WorkerWriter`
 * (store-writer-worker.ts) commits on a worker thread so the fsync of each group commit never
 * blocks the listener. Both resolve `add` only once the record is committed.
 */
import type { DatabaseSync } from 'node:sqlite';
import { DeliveryWrites } from './delivery-writes.ts';
import type { NewDelivery, StoredDelivery } from './delivery-types.ts';
import { GroupCommit } from './group-commit.ts';
import { pruneBatchSync, type RetentionLimits } from './retention.ts';

export interface DeliveryWriter {
  add(record: NewDelivery): Promise<StoredDelivery>;
  /** One retention batch; resolves with the number of rows deleted. */
  prune(limits: RetentionLimits, now: number): Promise<number>;
  /** Writes anything queued, then stops taking writes. */
  close(): Promise<void>;
}

export class InlineWriter implements DeliveryWriter {
  private readonly db: DatabaseSync;
  private readonly commits: GroupCommit<NewDelivery, StoredDelivery>;

  constructor(db: DatabaseSync) {
    this.db = db;
    const writes = new DeliveryWrites(db);
    this.commits = new GroupCommit(db, (record) => writes.insertSync(record));
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
