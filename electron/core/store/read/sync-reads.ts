/** Provider syncs in SQLite (SPEC §13): runs and changes, read on the caller's connection. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SyncChangeRecord, SyncRunRecord } from '../../provider/sync-types.ts';
import type { SyncFailureKind, SyncTrigger } from '../../../../shared/bridge/index.ts';
import type { NotificationKind } from '../../../../shared/config/index.ts';
import { statementCache } from '../statement-cache.ts';

interface RunRow {
  id: number; at: number; trigger: string; ok: number; orders: number; duration_ms: number;
  error_kind: string | null; error: string | null; first: number;
}

interface ChangeRow {
  run_id: number; certificate_id: string; common_name: string | null; order_id: string; from_status: string | null;
  to_status: string; notification: string | null; notification_kind: string | null; at: number;
}

function toRun(r: RunRow): SyncRunRecord & { id: number } {
  return { id: r.id, at: r.at, trigger: r.trigger as SyncTrigger, ok: r.ok === 1, orders: r.orders, durationMs: r.duration_ms,
    errorKind: r.error_kind as SyncFailureKind | null, error: r.error, first: r.first === 1 };
}

function toChange(r: ChangeRow): SyncChangeRecord {
  return { certificateId: r.certificate_id, commonName: r.common_name, orderId: r.order_id, from: r.from_status, to: r.to_status,
    notification: r.notification, notificationKind: r.notification_kind as NotificationKind | null, at: r.at };
}

export class SyncReads {
  private readonly sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.sql = statementCache(db);
  }

  /** The newest run, or undefined before the first. */
  lastRun(): (SyncRunRecord & { id: number }) | undefined {
    const row = this.sql('SELECT * FROM sync_runs ORDER BY id DESC LIMIT 1').get() as RunRow | undefined;
    return row && toRun(row);
  }

  /** When the newest successful run was, or null: none yet means the next one is the first. */
  lastSuccessAt(): number | null {
    const row = this.sql('SELECT at FROM sync_runs WHERE ok = 1 ORDER BY id DESC LIMIT 1').get() as { at: number } | undefined;
    return row?.at ?? null;
  }

  /** Failed runs since the last successful one. */
  failuresInARow(): number {
    const row = this.sql(`SELECT COUNT(*) AS n FROM sync_runs WHERE id > COALESCE((SELECT MAX(id) FROM sync_runs WHERE ok = 1), 0)`)
      .get() as { n: number };
    return row.n;
  }

  changesOfRun(runId: number): SyncChangeRecord[] {
    return (this.sql('SELECT * FROM sync_changes WHERE run_id = ? ORDER BY id').all(runId) as unknown as ChangeRow[]).map(toChange);
  }

  /** Newest first; only those of `certificateId` when given. */
  changes(limit: number, certificateId?: string): SyncChangeRecord[] {
    const rows = certificateId === undefined
      ? this.sql('SELECT * FROM sync_changes ORDER BY id DESC LIMIT ?').all(limit)
      : this.sql('SELECT * FROM sync_changes WHERE certificate_id = ? ORDER BY id DESC LIMIT ?').all(certificateId, limit);
    return (rows as unknown as ChangeRow[]).map(toChange);
  }
}
