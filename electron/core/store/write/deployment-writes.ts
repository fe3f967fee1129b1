/** Deployment checks in SQLite (SPEC §12): the write statements, inside the writer's transaction. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DeploymentWrite } from '../../deployment/deployment-types.ts';
import type { CertificateWrites } from './certificate-writes.ts';

/** Results kept per target; older ones are deleted as new ones come (a check every 6 h: about 25 days). */
export const HISTORY_PER_TARGET = 100;

export class DeploymentWrites {
  private readonly insert: StatementSync;
  private readonly upsertTarget: StatementSync;
  private readonly trim: StatementSync;
  private readonly retire: StatementSync;
  private readonly certificates: CertificateWrites;

  constructor(db: DatabaseSync, certificates: CertificateWrites) {
    this.certificates = certificates;
    this.insert = db.prepare(`INSERT INTO deployment_checks (certificate_id, name, target, state, served_fingerprint,
      issued_fingerprint, served_not_after, chain_verified, chain_error, checked_at, duration_ms, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.upsertTarget = db.prepare(`INSERT INTO deployment_targets (certificate_id, name, target, last_check, memory)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (certificate_id, name, target)
      DO UPDATE SET last_check = excluded.last_check, memory = excluded.memory`);
    this.trim = db.prepare(`DELETE FROM deployment_checks WHERE certificate_id = ? AND name = ? AND target = ? AND id <= (
      SELECT id FROM deployment_checks WHERE certificate_id = ? AND name = ? AND target = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`);
    this.retire = db.prepare('DELETE FROM deployment_targets WHERE certificate_id = ? AND last_check < ?');
  }

  writeSync(write: DeploymentWrite): void {
    const firstOf = new Map<string, number>();
    for (const { record: r, memory } of write.checks) {
      const id = Number(this.insert.run(r.certificateId, r.name, r.target, r.state, r.servedFingerprint, r.issuedFingerprint,
        r.servedNotAfter, r.chainVerified === null ? null : r.chainVerified ? 1 : 0, r.chainError, r.checkedAt, r.durationMs,
        r.error).lastInsertRowid);
      if (!firstOf.has(r.certificateId)) firstOf.set(r.certificateId, id);
      this.upsertTarget.run(r.certificateId, r.name, r.target, id, JSON.stringify(memory));
      this.trim.run(r.certificateId, r.name, r.target, r.certificateId, r.name, r.target, HISTORY_PER_TARGET);
    }
    // A certificate checked in full: targets it no longer has (settings changed) are no longer current.
    for (const certificateId of write.complete) {
      this.retire.run(certificateId, firstOf.get(certificateId) ?? Number.MAX_SAFE_INTEGER);
    }
    for (const n of write.notifications) this.certificates.notificationSync(n);
  }
}
