/**
 * The inventory as last read or written on one connection, so a delivery's step 2 does not read
 * and decode its certificate's row again each time (it was a tenth of the ingest's main-thread
 * time). Written through by certificate-writes.ts in the same transaction as the row; emptied when
 * a write is rolled back (turn-commit.ts) and whenever another connection has committed to the
 * database (`PRAGMA data_version` moved: a CLI command, the desktop app's other face).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CertificateRecord } from '../certificates/certificate-types.ts';

const caches = new WeakMap<DatabaseSync, CertificateCache>();

/** The one cache of `db`'s connection. */
export function certificateCache(db: DatabaseSync): CertificateCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new CertificateCache(db);
    caches.set(db, cache);
  }
  return cache;
}

export class CertificateCache {
  private readonly version: StatementSync;
  private seen: number | null = null;
  /** By id; null: known not to exist. */
  private readonly records = new Map<string, CertificateRecord | null>();

  constructor(db: DatabaseSync) {
    this.version = db.prepare('PRAGMA data_version');
  }

  /** The cached record (null: no such certificate), or undefined when it must be read. */
  get(id: string): CertificateRecord | null | undefined {
    this.checkVersion();
    return this.records.get(id);
  }

  set(id: string, record: CertificateRecord | null): void {
    this.records.set(id, record);
  }

  clear(): void {
    this.records.clear();
  }

  private checkVersion(): void {
    const version = (this.version.get() as { data_version: number }).data_version;
    if (version !== this.seen) {
      this.records.clear();
      this.seen = version;
    }
  }
}

/** `c` as a read of its row gives it back (no `replaces`, nulls for what is not set). */
export function asStored(c: CertificateRecord): CertificateRecord {
  return {
    id: c.id, commonName: c.commonName, orderId: c.orderId, orderStatus: c.orderStatus, status: c.status,
    operation: c.operation, expireAt: c.expireAt, activatedAt: c.activatedAt, preValidationStatus: c.preValidationStatus,
    failedValidators: [...c.failedValidators], lastEvent: c.lastEvent, lastDelivery: c.lastDelivery,
    eventAt: c.eventAt, updatedAt: c.updatedAt,
    expiry: { notifiedDays: [...c.expiry.notifiedDays], expiredNotified: c.expiry.expiredNotified },
    issuedPem: c.issuedPem ?? null, issuedAt: c.issuedAt ?? null,
    providerOnly: c.providerOnly === true, syncedAt: c.syncedAt ?? null,
    failure: c.failure ? { ...c.failure } : null,
  };
}
