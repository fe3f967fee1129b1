/**
 * The one read model of deliveries, used by both faces (CLI, bridge): filtered, searchable pages,
 * one record in full, its exact body, and counts by outcome. On the caller's connection.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { statementCache } from '../statement-cache.ts';
import { SUMMARY_COLUMNS, toDetail, toSummary, type DeliveryRow, type HookRunDbRow } from './delivery-rows.ts';
import type { DeliveryRecord, DeliveryOutcome, DeliveryQuery, DeliverySummary } from '../delivery-types.ts';

export const DEFAULT_LIST_LIMIT = 50;

/** One histogram slot: its start (ms) and the deliveries received in it by outcome. */
export type DeliveryBucketCounts = { start: number } & Record<DeliveryOutcome, number>;
/** The most rows one list returns (the CLI may ask for more than the UI's page). */
export const MAX_LIST_ROWS = 100_000;

function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class DeliveryReads {
  private readonly sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.sql = statementCache(db);
  }

  /** Newest first; `search` matches a substring of the common name or the delivery id (ASCII case-insensitive). */
  list(query: DeliveryQuery = {}): DeliverySummary[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.event) { where.push('event = ?'); params.push(query.event); }
    if (query.outcome) { where.push('outcome = ?'); params.push(query.outcome); }
    if (query.signature) { where.push('signature = ?'); params.push(query.signature); }
    if (query.certificateId) { where.push('certificate_id = ?'); params.push(query.certificateId); }
    if (query.since !== undefined) { where.push('received_at >= ?'); params.push(query.since); }
    if (query.until !== undefined) { where.push('received_at < ?'); params.push(query.until); }
    if (query.beforeId) { where.push('id < ?'); params.push(query.beforeId); }
    if (query.search?.trim()) {
      const pattern = likeSubstring(query.search.trim());
      where.push(`(common_name LIKE ? ESCAPE '\\' OR delivery_id LIKE ? ESCAPE '\\')`);
      params.push(pattern, pattern);
    }
    params.push(Math.max(0, Math.min(query.limit ?? DEFAULT_LIST_LIMIT, MAX_LIST_ROWS)));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    return (this.sql(sql).all(...params) as unknown as DeliveryRow[]).map(toSummary);
  }

  /** One list row by record id. */
  summary(id: number): DeliverySummary | undefined {
    const row = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`).get(id) as DeliveryRow | undefined;
    return row && toSummary(row);
  }

  /** By record id, else by delivery id (its latest attempt). */
  find(idOrDeliveryId: string): DeliveryRecord | undefined {
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

  countsByOutcome(): Record<DeliveryOutcome, number> {
    const counts: Record<DeliveryOutcome, number> = { accepted: 0, duplicate: 0, rejected: 0, aborted: 0 };
    const rows = this.sql('SELECT outcome, COUNT(*) AS n FROM deliveries GROUP BY outcome').all() as { outcome: DeliveryOutcome; n: number }[];
    for (const row of rows) counts[row.outcome] = row.n;
    return counts;
  }

  /**
   * Deliveries received in [from, from + slots × slotMs) per slot and outcome, counted by SQLite on
   * the received_at index (a few ms on 100,000 rows); empty slots are zero. The CASTs keep the
   * division whole: a bound JS number is a REAL to SQLite.
   */
  histogram(from: number, slotMs: number, slots: number): DeliveryBucketCounts[] {
    const buckets = Array.from({ length: slots }, (_, i) => ({ start: from + i * slotMs, accepted: 0, duplicate: 0, rejected: 0, aborted: 0 }));
    const rows = this.sql(`SELECT (received_at - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS slot, outcome, COUNT(*) AS n FROM deliveries
      WHERE received_at >= ? AND received_at < ? GROUP BY slot, outcome`)
      .all(from, slotMs, from, from + slots * slotMs) as { slot: number; outcome: DeliveryOutcome; n: number }[];
    for (const row of rows) buckets[row.slot][row.outcome] = row.n;
    return buckets;
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
