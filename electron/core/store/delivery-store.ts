/** Deliveries in SQLite: queries on this thread's connection; writes through a DeliveryWriter. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { statementCache } from './statement-cache.ts';
import { InlineWriter, type DeliveryWriter } from './delivery-writer.ts';
import { SUMMARY_COLUMNS, toDetail, toSummary, type DeliveryRow, type HookRunDbRow } from './delivery-rows.ts';
import type {
  DeliveryDetail, DeliveryQuery, DeliverySummaryRow, NewDelivery, StoredDelivery,
} from './delivery-types.ts';
import type { RetentionLimits } from './retention.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import { CertificateReads, type NewNotification } from './certificate-rows.ts';
import { KnownIds } from './known-ids.ts';
import { ACCEPTED_BEFORE } from './delivery-writes.ts';

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
  /** The inventory and the notification history, read on this connection. */
  readonly certificates: CertificateReads;

  /** Lets `history` skip SQLite for ids never stored (unloaded, it always says "maybe"). */
  readonly knownIds: KnownIds;

  /** Without a writer, writes are group-committed on this thread, on `db`. */
  constructor(db: DatabaseSync, writer: DeliveryWriter = new InlineWriter(db), knownIds = new KnownIds()) {
    this.db = db;
    this.writer = writer;
    this.knownIds = knownIds;
    this.certificates = new CertificateReads(db);
    this.sql = statementCache(db);
  }

  /** Resolves once the record is committed (durable); the outcome may have become `duplicate`. */
  add(record: NewDelivery): Promise<StoredDelivery> {
    if (record.deliveryId !== null) {
      this.knownIds.add(record.deliveryId);
      return this.writer.add(record);
    }
    // The writer makes up the id of a record that came without one: known once stored.
    return this.writer.add(record).then((stored) => { this.knownIds.add(stored.deliveryId); return stored; });
  }

  /** Notification history (and a certificate's new expiry state), durably. */
  note(notifications: NewNotification[], certificate: CertificateRecord | null = null): Promise<void> {
    return this.writer.note(notifications, certificate);
  }

  /** One retention batch (see retention.ts). */
  prune(limits: RetentionLimits, now: number): Promise<number> {
    return this.writer.prune(limits, now);
  }

  /** Commits what an inline writer has queued, now (a worker writer commits on its own). */
  flush(): void {
    if (this.writer instanceof InlineWriter) this.writer.flushSync();
  }

  /** Writes what is queued and stops the writer; the caller closes `db`. */
  close(): Promise<void> {
    return this.writer.close();
  }

  list(query: DeliveryQuery = {}): DeliverySummaryRow[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.event) { where.push('event = ?'); params.push(query.event); }
    if (query.outcome) { where.push('outcome = ?'); params.push(query.outcome); }
    if (query.certificateId) { where.push('certificate_id = ?'); params.push(query.certificateId); }
    if (query.beforeId) { where.push('id < ?'); params.push(query.beforeId); }
    params.push(Math.max(0, Math.min(query.limit ?? 50, 100_000)));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    return (this.sql(sql).all(...params) as unknown as DeliveryRow[]).map(toSummary);
  }

  /** By record id, else by delivery id (its latest attempt). */
  find(idOrDeliveryId: string): DeliveryDetail | undefined {
    const row = this.findRow(idOrDeliveryId);
    if (!row) return undefined;
    const attempts = this.sql(`SELECT id, attempt, received_at, outcome, status FROM deliveries
      WHERE delivery_id = ? ORDER BY attempt`).all(row.delivery_id) as unknown as DeliveryRow[];
    const runs = this.sql(`SELECT hook, stage, started_at, duration_ms, exit_code, signal, timed_out, stdout,
      stderr, error FROM hook_runs WHERE delivery = ? ORDER BY id`).all(row.id) as unknown as HookRunDbRow[];
    return toDetail(row, attempts, runs);
  }

  /** The exact body bytes of a record, or null when none was kept (e.g. 413). */
  rawBody(id: number): Buffer | null {
    const row = this.sql('SELECT body FROM deliveries WHERE id = ?').get(id) as { body: Uint8Array | null } | undefined;
    return row?.body ? Buffer.from(row.body) : null;
  }

  /** When this delivery id was first received (its first attempt), if ever. */
  firstReceivedAt(deliveryId: string): number | null {
    return this.history(deliveryId).firstReceivedAt;
  }

  /** Whether an attempt with this delivery id was accepted before (committed). */
  wasAccepted(deliveryId: string): boolean {
    return this.history(deliveryId).accepted;
  }

  /** Both facts about a delivery id's earlier attempts, in one index lookup. */
  history(deliveryId: string): DeliveryHistory {
    if (!this.knownIds.mayExist(deliveryId)) return { firstReceivedAt: null, accepted: false };
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

  count(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM deliveries').get() as { n: number }).n;
  }

  private findRow(idOrDeliveryId: string): DeliveryRow | undefined {
    if (/^\d{1,15}$/.test(idOrDeliveryId)) {
      const byId = this.sql('SELECT * FROM deliveries WHERE id = ?').get(Number(idOrDeliveryId));
      if (byId) return byId as unknown as DeliveryRow;
    }
    return this.sql('SELECT * FROM deliveries WHERE delivery_id = ? ORDER BY attempt DESC LIMIT 1')
      .get(idOrDeliveryId) as unknown as DeliveryRow | undefined;
  }
}
