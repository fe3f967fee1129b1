/** Deployment checks in SQLite (SPEC §12): reads, on the caller's connection. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { isDeploymentState, worstState, type DeploymentState } from '../../../../shared/deployment/states.ts';
import { EMPTY_TARGET_MEMORY, type TargetMemory } from '../../../../shared/notify/deployment.ts';
import type { DeploymentCheckRecord } from '../../deployment/deployment-types.ts';
import { statementCache } from '../statement-cache.ts';

interface CheckRow {
  certificate_id: string; name: string; target: string; state: string; served_fingerprint: string | null;
  issued_fingerprint: string; served_not_after: string | null; chain_verified: number | null; chain_error: string | null;
  checked_at: number; duration_ms: number; error: string | null;
}

function toRecord(r: CheckRow): DeploymentCheckRecord {
  return {
    certificateId: r.certificate_id, name: r.name, target: r.target,
    state: isDeploymentState(r.state) ? r.state : 'unreachable',
    servedFingerprint: r.served_fingerprint, issuedFingerprint: r.issued_fingerprint, servedNotAfter: r.served_not_after,
    chainVerified: r.chain_verified === null ? null : r.chain_verified === 1, chainError: r.chain_error,
    checkedAt: r.checked_at, durationMs: r.duration_ms, error: r.error,
  };
}

/** The key of a target's memory: one name at one address. */
export function targetKey(name: string, target: string): string {
  return `${name}\n${target}`;
}

const LATEST = `SELECT c.* FROM deployment_targets t JOIN deployment_checks c ON c.id = t.last_check`;

export class DeploymentReads {
  private readonly sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.sql = statementCache(db);
  }

  /** The latest result of each current target, of one certificate or of all. */
  latest(certificateId?: string): DeploymentCheckRecord[] {
    const rows = certificateId === undefined
      ? this.sql(`${LATEST} ORDER BY c.certificate_id, c.name, c.target`).all()
      : this.sql(`${LATEST} WHERE t.certificate_id = ? ORDER BY c.name, c.target`).all(certificateId);
    return (rows as unknown as CheckRow[]).map(toRecord);
  }

  /** Stored results of a certificate (or one of its targets, "host:port"), newest first. */
  history(certificateId: string, target: string | undefined, limit: number): DeploymentCheckRecord[] {
    const rows = target === undefined
      ? this.sql('SELECT * FROM deployment_checks WHERE certificate_id = ? ORDER BY id DESC LIMIT ?').all(certificateId, limit)
      : this.sql('SELECT * FROM deployment_checks WHERE certificate_id = ? AND target = ? ORDER BY id DESC LIMIT ?')
        .all(certificateId, target, limit);
    return (rows as unknown as CheckRow[]).map(toRecord);
  }

  /** What each target of a certificate remembers, by `targetKey`. */
  memories(certificateId: string): Map<string, TargetMemory> {
    const rows = this.sql('SELECT name, target, memory FROM deployment_targets WHERE certificate_id = ?')
      .all(certificateId) as unknown as { name: string; target: string; memory: string }[];
    return new Map(rows.map((r) => [targetKey(r.name, r.target), { ...EMPTY_TARGET_MEMORY, ...JSON.parse(r.memory) as Partial<TargetMemory> }]));
  }

  /** The worst state of each checked certificate's current targets (of one certificate, when given). */
  worstStates(certificateId?: string): Map<string, DeploymentState> {
    const states = new Map<string, DeploymentState[]>();
    const query = `SELECT c.certificate_id AS id, c.state FROM deployment_targets t JOIN deployment_checks c ON c.id = t.last_check`;
    const rows = certificateId === undefined ? this.sql(query).iterate() : this.sql(`${query} WHERE t.certificate_id = ?`).iterate(certificateId);
    for (const row of rows) {
      const { id, state } = row as { id: string; state: string };
      if (!isDeploymentState(state)) continue;
      const list = states.get(id);
      if (list) list.push(state); else states.set(id, [state]);
    }
    return new Map([...states].map(([id, list]) => [id, worstState(list)!]));
  }

  /** When each certificate was last checked (ms). */
  lastChecked(): Map<string, number> {
    const rows = this.sql(`SELECT t.certificate_id AS id, MAX(c.checked_at) AS at FROM deployment_targets t
      JOIN deployment_checks c ON c.id = t.last_check GROUP BY t.certificate_id`).all() as unknown as { id: string; at: number }[];
    return new Map(rows.map((r) => [r.id, r.at]));
  }
}
