/** The reads the UI needs beyond the CLI's: filtered, searchable delivery pages and counts by outcome. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DeliveryOutcome, MethodParams } from '../../../shared/bridge/index.ts';
import { SUMMARY_COLUMNS, toSummary, type DeliveryRow } from '../store/delivery-rows.ts';
import type { DeliverySummaryRow } from '../store/delivery-types.ts';
import { statementCache } from '../store/statement-cache.ts';

const DEFAULT_LIMIT = 50;

function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class DeliveryQueries {
  private readonly sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.sql = statementCache(db);
  }

  /** Newest first; `search` matches a substring of the common name or the delivery id (ASCII case-insensitive). */
  list(query: MethodParams<'deliveries.list'>): DeliverySummaryRow[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.event) { where.push('event = ?'); params.push(query.event); }
    if (query.outcome) { where.push('outcome = ?'); params.push(query.outcome); }
    if (query.signature) { where.push('signature = ?'); params.push(query.signature); }
    if (query.certificateId) { where.push('certificate_id = ?'); params.push(query.certificateId); }
    if (query.beforeId) { where.push('id < ?'); params.push(query.beforeId); }
    if (query.search?.trim()) {
      const pattern = likeSubstring(query.search.trim());
      where.push(`(common_name LIKE ? ESCAPE '\\' OR delivery_id LIKE ? ESCAPE '\\')`);
      params.push(pattern, pattern);
    }
    params.push(query.limit ?? DEFAULT_LIMIT);
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    return (this.sql(sql).all(...params) as unknown as DeliveryRow[]).map(toSummary);
  }

  summary(id: number): DeliverySummaryRow | undefined {
    const row = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`).get(id) as DeliveryRow | undefined;
    return row && toSummary(row);
  }

  countsByOutcome(): Record<DeliveryOutcome, number> {
    const counts: Record<DeliveryOutcome, number> = { accepted: 0, duplicate: 0, rejected: 0, aborted: 0 };
    const rows = this.sql('SELECT outcome, COUNT(*) AS n FROM deliveries GROUP BY outcome').all() as { outcome: DeliveryOutcome; n: number }[];
    for (const row of rows) counts[row.outcome] = row.n;
    return counts;
  }
}
