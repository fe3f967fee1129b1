/** Deliveries in SQLite: durable group-committed inserts, de-duplication by delivery id, queries. */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { GroupCommit } from './group-commit.ts';
import { toDetail, toSummary, type DeliveryRow } from './delivery-rows.ts';
import type {
  DeliveryDetail, DeliveryQuery, DeliverySummaryRow, NewDelivery, StoredDelivery,
} from './delivery-types.ts';

const SUMMARY_COLUMNS = 'id, delivery_id, attempt, received_at, event, entity_id, common_name, signature, outcome, status';

export class DeliveryStore {
  private readonly db: DatabaseSync;
  private readonly commits: GroupCommit<NewDelivery, StoredDelivery>;
  private readonly previous: StatementSync;
  private readonly insert: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.previous = db.prepare(`SELECT MAX(attempt) AS attempts, MAX(outcome = 'accepted') AS accepted
      FROM deliveries WHERE delivery_id = ?`);
    this.insert = db.prepare(`INSERT INTO deliveries (delivery_id, attempt, received_at, method, path,
      remote_address, headers, body, body_size, status, outcome, response, signature, signature_detail,
      event, entity_id, common_name, certificate_id, order_id, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.commits = new GroupCommit(db, (record) => this.insertSync(record));
  }

  /** Resolves once the record is committed (durable); the outcome may have become `duplicate`. */
  add(record: NewDelivery): Promise<StoredDelivery> {
    return this.commits.submit(record);
  }

  /** Writes anything still queued; call before closing the database. */
  flush(): void {
    this.commits.flush();
  }

  private insertSync(r: NewDelivery): StoredDelivery {
    const deliveryId = r.deliveryId ?? randomUUID();
    const prior = this.previous.get(deliveryId) as { attempts: number | null; accepted: number | null };
    const attempt = (prior.attempts ?? 0) + 1;
    const duplicate = r.dedupe && prior.accepted === 1;
    const outcome = duplicate ? 'duplicate' : r.outcome;
    const response = r.dedupe ? JSON.stringify({ status: outcome, delivery: deliveryId }) : r.response;
    const result = this.insert.run(deliveryId, attempt, r.receivedAt, r.method, r.path, r.remoteAddress,
      JSON.stringify(r.rawHeaders), r.body, r.bodySize, r.status, outcome, response, r.signature,
      r.signatureDetail ? JSON.stringify(r.signatureDetail) : null, r.event, r.entityId, r.commonName,
      r.certificateId, r.orderId, r.error);
    return { id: Number(result.lastInsertRowid), deliveryId, attempt, outcome, status: r.status, response };
  }

  list(query: DeliveryQuery = {}): DeliverySummaryRow[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.event) { where.push('event = ?'); params.push(query.event); }
    if (query.outcome) { where.push('outcome = ?'); params.push(query.outcome); }
    if (query.beforeId) { where.push('id < ?'); params.push(query.beforeId); }
    params.push(Math.max(1, Math.min(query.limit ?? 50, 100_000)));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params) as unknown as DeliveryRow[]).map(toSummary);
  }

  /** By record id, else by delivery id (its latest attempt). */
  find(idOrDeliveryId: string): DeliveryDetail | undefined {
    const row = this.findRow(idOrDeliveryId);
    if (!row) return undefined;
    const attempts = this.db.prepare(`SELECT id, attempt, received_at, outcome, status FROM deliveries
      WHERE delivery_id = ? ORDER BY attempt`).all(row.delivery_id) as unknown as DeliveryRow[];
    return toDetail(row, attempts);
  }

  /** The exact body bytes of a record, or null when none was kept (e.g. 413). */
  rawBody(id: number): Buffer | null {
    const row = this.db.prepare('SELECT body FROM deliveries WHERE id = ?').get(id) as { body: Uint8Array | null } | undefined;
    return row?.body ? Buffer.from(row.body) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM deliveries').get() as { n: number }).n;
  }

  private findRow(idOrDeliveryId: string): DeliveryRow | undefined {
    if (/^\d{1,15}$/.test(idOrDeliveryId)) {
      const byId = this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(Number(idOrDeliveryId));
      if (byId) return byId as unknown as DeliveryRow;
    }
    return this.db.prepare('SELECT * FROM deliveries WHERE delivery_id = ? ORDER BY attempt DESC LIMIT 1')
      .get(idOrDeliveryId) as unknown as DeliveryRow | undefined;
  }
}
