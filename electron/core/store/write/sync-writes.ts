/** Provider syncs in SQLite (SPEC §13): the write statements, inside the writer's transaction. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SyncWrite } from '../../provider/sync-types.ts';
import type { CertificateWrites } from './certificate-writes.ts';

/** Runs kept (hourly: about six weeks); their changes are kept with the certificates' timelines. */
export const RUNS_KEPT = 1000;

export class SyncWrites {
  private readonly insertRun: StatementSync;
  private readonly insertChange: StatementSync;
  private readonly trimRuns: StatementSync;
  private readonly certificates: CertificateWrites;

  constructor(db: DatabaseSync, certificates: CertificateWrites) {
    this.certificates = certificates;
    this.insertRun = db.prepare(`INSERT INTO sync_runs (at, trigger, ok, orders, duration_ms, error_kind, error, first)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertChange = db.prepare(`INSERT INTO sync_changes (run_id, certificate_id, common_name, order_id, from_status,
      to_status, notification, notification_kind, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.trimRuns = db.prepare(`DELETE FROM sync_runs WHERE id <= (SELECT id FROM sync_runs ORDER BY id DESC LIMIT 1 OFFSET ?)`);
  }

  writeSync(write: SyncWrite): void {
    const { run } = write;
    const runId = Number(this.insertRun.run(run.at, run.trigger, run.ok ? 1 : 0, run.orders, run.durationMs, run.errorKind,
      run.error, run.first ? 1 : 0).lastInsertRowid);
    for (const certificate of write.certificates) this.certificates.certificateSync(certificate);
    for (const c of write.changes) {
      this.insertChange.run(runId, c.certificateId, c.commonName, c.orderId, c.from, c.to, c.notification, c.notificationKind, c.at);
    }
    for (const n of write.notifications) this.certificates.notificationSync(n);
    this.trimRuns.run(RUNS_KEPT);
  }
}
