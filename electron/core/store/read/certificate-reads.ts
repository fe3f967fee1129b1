/** Certificates and notifications in SQLite: row mapping and reads, on the caller's connection. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { statementCache } from '../statement-cache.ts';
import { certificateCache, type CertificateCache } from '../certificate-cache.ts';
import type { CertificateRecord, NotificationEntry, StoredFailure } from '../../certificates/certificate-types.ts';

interface CertificateRow {
  id: string; common_name: string | null; order_id: string | null; order_status: string | null; status: string | null;
  operation: string | null; expire_at: string | null; activated_at: string | null; pre_validation_status: string | null;
  failed_validators: string; last_event: string | null; last_delivery: string | null; event_at: number; updated_at: number;
  expiry_notified: string; expired_notified: number; issued_pem: string | null; issued_at: number | null;
  provider_only: number; synced_at: number | null; failure: string | null;
}

interface NotificationRow {
  id: number; kind: string; title: string; body: string; urgency: string; certificate_id: string | null;
  delivery_id: string | null; created_at: number; shown: number; reason: string | null;
}

export function toCertificate(r: CertificateRow): CertificateRecord {
  return {
    id: r.id, commonName: r.common_name, orderId: r.order_id, orderStatus: r.order_status, status: r.status,
    operation: r.operation, expireAt: r.expire_at, activatedAt: r.activated_at, preValidationStatus: r.pre_validation_status,
    failedValidators: JSON.parse(r.failed_validators) as string[], lastEvent: r.last_event, lastDelivery: r.last_delivery,
    eventAt: r.event_at, updatedAt: r.updated_at,
    expiry: { notifiedDays: JSON.parse(r.expiry_notified) as number[], expiredNotified: r.expired_notified === 1 },
    issuedPem: r.issued_pem, issuedAt: r.issued_at,
    providerOnly: r.provider_only === 1, syncedAt: r.synced_at,
    failure: r.failure ? JSON.parse(r.failure) as StoredFailure : null,
  };
}

function toNotification(r: NotificationRow): NotificationEntry {
  return { id: r.id, kind: r.kind, title: r.title, body: r.body, urgency: r.urgency, certificateId: r.certificate_id,
    deliveryId: r.delivery_id, createdAt: new Date(r.created_at).toISOString(), shown: r.shown === 1, reason: r.reason };
}

/** Reads, on the caller's connection. */
export class CertificateReads {
  private readonly sql: (sql: string) => StatementSync;
  private readonly cache: CertificateCache;

  constructor(db: DatabaseSync) {
    this.sql = statementCache(db);
    this.cache = certificateCache(db);
  }

  /** From the connection's cache when it has it (certificate-cache.ts). */
  get(id: string): CertificateRecord | undefined {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const row = this.sql('SELECT * FROM certificates WHERE id = ?').get(id) as CertificateRow | undefined;
    const record = row ? toCertificate(row) : undefined;
    this.cache.set(id, record ?? null);
    return record;
  }

  byOrder(orderId: string): CertificateRecord | undefined {
    const row = this.sql('SELECT * FROM certificates WHERE order_id = ? ORDER BY updated_at DESC LIMIT 1')
      .get(orderId) as CertificateRow | undefined;
    return row && toCertificate(row);
  }

  all(): CertificateRecord[] {
    return (this.sql('SELECT * FROM certificates ORDER BY expire_at IS NULL, expire_at, common_name').all() as unknown as CertificateRow[])
      .map(toCertificate);
  }

  /**
   * When a notification of `kind` was last recorded at or after `since`, or null. Walks back from
   * the newest row and stops at the first older than `since`: no index on kind or time is needed.
   */
  lastOfKindSince(kind: string, since: number): number | null {
    for (const row of this.sql('SELECT kind, created_at FROM notifications ORDER BY id DESC').iterate()) {
      const { kind: rowKind, created_at: createdAt } = row as { kind: string; created_at: number };
      if (createdAt < since) return null;
      if (rowKind === kind) return createdAt;
    }
    return null;
  }

  /** Newest first; only those of `certificateId` when given. */
  notifications(limit = 50, certificateId?: string): NotificationEntry[] {
    const rows = certificateId === undefined
      ? this.sql('SELECT * FROM notifications ORDER BY id DESC LIMIT ?').all(limit)
      : this.sql('SELECT * FROM notifications WHERE certificate_id = ? ORDER BY id DESC LIMIT ?').all(certificateId, limit);
    return (rows as unknown as NotificationRow[]).map(toNotification);
  }
}
