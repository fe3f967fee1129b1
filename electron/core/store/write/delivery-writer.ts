/**
 * Where writes go: on this thread's connection, at once, in the turn's transaction (turn-commit.ts).
 * Each method has written its rows when it returns — so every read after it sees them — and its
 * promise resolves once they are durable.
 */
import type { DatabaseSync } from 'node:sqlite';
import { DeliveryWrites, toInsert } from './delivery-writes.ts';
import type { CertificateRecord } from '../../certificates/certificate-types.ts';
import type { DeploymentWrite } from '../../deployment/deployment-types.ts';
import type { SyncWrite } from '../../provider/sync-types.ts';
import type { NewNotification } from '../delivery-types.ts';
import type { NewDelivery, StoredDelivery } from '../delivery-types.ts';
import { TurnCommit, type TurnCommitOptions } from './turn-commit.ts';
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
  /** Commits what is open now (its promises still settle once durable). */
  flush(): void;
  /** Makes everything written durable, then stops. */
  close(): Promise<void>;
}

export class InlineWriter implements DeliveryWriter {
  private readonly db: DatabaseSync;
  private readonly commits: TurnCommit;
  private readonly writes: DeliveryWrites;

  constructor(db: DatabaseSync, options: TurnCommitOptions = {}) {
    this.db = db;
    this.writes = new DeliveryWrites(db);
    this.commits = new TurnCommit(db, options);
  }

  add(record: NewDelivery): Promise<StoredDelivery> {
    return this.commits.write(() => this.writes.insertSync(toInsert(record)));
  }

  note(notifications: NewNotification[], certificate: CertificateRecord | null): Promise<void> {
    return this.commits.write(() => this.writes.noteSync(notifications, certificate));
  }

  deployment(write: DeploymentWrite): Promise<void> {
    return this.commits.write(() => this.writes.deployments.writeSync(write));
  }

  sync(write: SyncWrite): Promise<void> {
    return this.commits.write(() => this.writes.syncs.writeSync(write));
  }

  prune(limits: RetentionLimits, now: number): Promise<number> {
    return this.commits.write(() => pruneBatchSync(this.db, limits, now));
  }

  flush(): void {
    this.commits.flushSync();
  }

  close(): Promise<void> {
    return this.commits.close();
  }
}
