/** Certificates and notifications in SQLite: the write statements, inside the writer's transaction. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CertificateRecord } from '../../certificates/certificate-types.ts';
import type { NewNotification } from '../delivery-types.ts';
import { asStored, certificateCache, type CertificateCache } from '../certificate-cache.ts';

/** Writes, inside the writer's transaction. */
export class CertificateWrites {
  private readonly upsert: StatementSync;
  private readonly insertNotification: StatementSync;
  private readonly moves: StatementSync[];
  private readonly cache: CertificateCache;

  constructor(db: DatabaseSync) {
    this.cache = certificateCache(db);
    // An upsert, not REPLACE: REPLACE deletes and re-inserts the row, touching every index twice.
    this.upsert = db.prepare(`INSERT INTO certificates (id, common_name, order_id, order_status, status, operation,
      expire_at, activated_at, pre_validation_status, failed_validators, last_event, last_delivery, event_at, updated_at,
      expiry_notified, expired_notified, issued_pem, issued_at, provider_only, synced_at, failure)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET common_name = excluded.common_name, order_id = excluded.order_id,
        order_status = excluded.order_status, status = excluded.status, operation = excluded.operation,
        expire_at = excluded.expire_at, activated_at = excluded.activated_at,
        pre_validation_status = excluded.pre_validation_status, failed_validators = excluded.failed_validators,
        last_event = excluded.last_event, last_delivery = excluded.last_delivery, event_at = excluded.event_at,
        updated_at = excluded.updated_at, expiry_notified = excluded.expiry_notified,
        expired_notified = excluded.expired_notified, issued_pem = excluded.issued_pem, issued_at = excluded.issued_at,
        provider_only = excluded.provider_only, synced_at = excluded.synced_at, failure = excluded.failure`);
    // A provider-only entry taken over by the certificate a delivery named: its rows follow it.
    this.moves = ['certificates', 'sync_changes', 'notifications', 'deployment_checks', 'deployment_targets', 'deliveries']
      .map((table) => table === 'certificates' ? db.prepare('DELETE FROM certificates WHERE id = ?')
        : db.prepare(`UPDATE OR IGNORE ${table} SET certificate_id = ? WHERE certificate_id = ?`));
    this.insertNotification = db.prepare(`INSERT INTO notifications (kind, title, body, urgency, certificate_id, delivery_id,
      created_at, shown, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  certificateSync(c: CertificateRecord): void {
    if (c.replaces !== undefined && c.replaces !== c.id) {
      const [drop, ...updates] = this.moves;
      drop.run(c.replaces);
      for (const update of updates) update.run(c.id, c.replaces);
      this.cache.set(c.replaces, null);
    }
    this.upsert.run(c.id, c.commonName, c.orderId, c.orderStatus, c.status, c.operation, c.expireAt, c.activatedAt,
      c.preValidationStatus, JSON.stringify(c.failedValidators), c.lastEvent, c.lastDelivery, c.eventAt, c.updatedAt,
      JSON.stringify(c.expiry.notifiedDays), c.expiry.expiredNotified ? 1 : 0, c.issuedPem ?? null, c.issuedAt ?? null,
      c.providerOnly ? 1 : 0, c.syncedAt ?? null, c.failure ? JSON.stringify(c.failure) : null);
    this.cache.set(c.id, asStored(c));
  }

  notificationSync(n: NewNotification): number {
    return Number(this.insertNotification.run(n.kind, n.title, n.body, n.urgency, n.certificateId, n.deliveryId, n.createdAt,
      n.shown ? 1 : 0, n.reason).lastInsertRowid);
  }
}
