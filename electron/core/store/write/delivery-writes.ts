/** The write side of the deliveries table: one insert with its attempt number and dedupe decision. */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CertificateRecord } from '../../certificates/certificate-types.ts';
import { CertificateWrites } from './certificate-writes.ts';
import { DeploymentWrites } from './deployment-writes.ts';
import { SyncWrites } from './sync-writes.ts';
import type { NewNotification } from '../delivery-types.ts';
import type { NewDelivery, StoredDelivery } from '../delivery-types.ts';

/**
 * The records that show a delivery id was accepted: the accepted one, and every `duplicate` after
 * it (which outlive it when retention prunes the oldest records). The partial index
 * `deliveries_accepted_before` has exactly this condition.
 */
export const ACCEPTED_BEFORE = `outcome IN ('accepted', 'duplicate')`;

/** A delivery as the insert takes it: the JSON columns already serialized (by writer-wire.ts, or `toInsert`). */
export type DeliveryInsert = Omit<NewDelivery, 'rawHeaders' | 'signatureDetail' | 'headerMismatch'> & {
  headersJson: string;
  signatureDetailJson: string | null;
  headerMismatchJson?: string | null;
};

/** The two columns stored as JSON text, serialized as the insert takes them. */
export function jsonColumns(record: Pick<NewDelivery, 'rawHeaders' | 'signatureDetail'>): Pick<DeliveryInsert, 'headersJson' | 'signatureDetailJson'> {
  return {
    headersJson: JSON.stringify(record.rawHeaders),
    signatureDetailJson: record.signatureDetail ? JSON.stringify(record.signatureDetail) : null,
  };
}

export function toInsert(record: NewDelivery): DeliveryInsert {
  const { rawHeaders: _headers, signatureDetail: _detail, headerMismatch, ...rest } = record;
  return { ...rest, ...jsonColumns(record), headerMismatchJson: headerMismatch ? JSON.stringify(headerMismatch) : null,
    socketAddress: record.socketAddress ?? null, replayOf: record.replayOf ?? null, signedKey: record.signedKey ?? null };
}

export class DeliveryWrites {
  private readonly lastAttempt: StatementSync;
  private readonly acceptedBefore: StatementSync;
  private readonly insert: StatementSync;
  private readonly insertRun: StatementSync;
  readonly certificates: CertificateWrites;
  readonly deployments: DeploymentWrites;
  readonly syncs: SyncWrites;

  constructor(db: DatabaseSync) {
    this.lastAttempt = db.prepare('SELECT attempt FROM deliveries WHERE delivery_id = ? ORDER BY attempt DESC LIMIT 1');
    this.acceptedBefore = db.prepare(`SELECT 1 AS yes FROM deliveries WHERE delivery_id = ? AND ${ACCEPTED_BEFORE} LIMIT 1`);
    this.insert = db.prepare(`INSERT INTO deliveries (delivery_id, attempt, received_at, method, path,
      remote_address, headers, body, body_size, status, outcome, response, signature, signature_detail,
      event, entity_id, common_name, certificate_id, order_id, error, socket_address, header_mismatch, replay_of, signed_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.certificates = new CertificateWrites(db);
    this.deployments = new DeploymentWrites(db, this.certificates);
    this.syncs = new SyncWrites(db, this.certificates);
    this.insertRun = db.prepare(`INSERT INTO hook_runs (delivery, hook, stage, started_at, duration_ms, exit_code,
      signal, timed_out, stdout, stderr, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  noteSync(notifications: NewNotification[], certificate: CertificateRecord | null): void {
    if (certificate) this.certificates.certificateSync(certificate);
    for (const n of notifications) this.certificates.notificationSync(n);
  }

  /** Runs inside the caller's transaction, so concurrent ids are decided one after the other. */
  insertSync(r: DeliveryInsert): StoredDelivery {
    const deliveryId = r.deliveryId ?? randomUUID();
    const previous = this.lastAttempt.get(deliveryId) as { attempt: number } | undefined;
    const attempt = (previous?.attempt ?? 0) + 1;
    const duplicate = r.dedupe && previous !== undefined && this.acceptedBefore.get(deliveryId) !== undefined;
    const outcome = duplicate ? 'duplicate' : r.outcome;
    const response = duplicate || !r.response ? JSON.stringify({ status: outcome, delivery: deliveryId }) : r.response;
    const result = this.insert.run(deliveryId, attempt, r.receivedAt, r.method, r.path, r.remoteAddress,
      r.headersJson, r.body, r.bodySize, r.status, outcome, response, r.signature, r.signatureDetailJson, r.event,
      r.entityId, r.commonName, r.certificateId, r.orderId, r.error, r.socketAddress ?? null, r.headerMismatchJson ?? null,
      r.replayOf ?? null, r.signedKey ?? null);
    const id = Number(result.lastInsertRowid);
    for (const run of r.hookRuns ?? []) {
      this.insertRun.run(id, run.hook, run.stage, run.startedAt, run.durationMs, run.exitCode, run.signal,
        run.timedOut ? 1 : 0, run.stdout, run.stderr, run.error);
    }
    // A delivery that turned out to be a duplicate changes nothing else.
    if (!duplicate) {
      if (r.certificate) this.certificates.certificateSync(r.certificate);
      for (const n of r.notifications ?? []) this.certificates.notificationSync({ ...n, deliveryId: n.deliveryId ?? deliveryId });
    }
    return { id, deliveryId, attempt, outcome, status: r.status, response };
  }
}
