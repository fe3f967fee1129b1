/** Provider sync records (SPEC §13), as reconciled, stored and read back. */
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { NewNotification } from '../store/delivery-types.ts';
import type { SyncChange, SyncFailureKind, SyncResult, SyncTrigger } from '../../../shared/bridge/sync-types.ts';
export type { SyncChange, SyncResult, SyncStatus, SyncTrigger } from '../../../shared/bridge/sync-types.ts';

/** One run as stored: the bridge's result without its changes, its time in ms. */
export interface SyncRunRecord {
  at: number;
  trigger: SyncTrigger;
  ok: boolean;
  orders: number;
  durationMs: number;
  errorKind: SyncFailureKind | null;
  error: string | null;
  first: boolean;
}

/** One change as stored (the timeline's "found by provider sync"), its time in ms. */
export type SyncChangeRecord = Omit<SyncChange, 'at'> & { at: number };

/** A run, the certificates it changed, their changes and the notifications raised: one transaction. */
export interface SyncWrite {
  run: SyncRunRecord;
  certificates: CertificateRecord[];
  changes: SyncChangeRecord[];
  notifications: NewNotification[];
}

export function toSyncResult(run: SyncRunRecord, changes: readonly SyncChangeRecord[]): SyncResult {
  return { ok: run.ok, at: new Date(run.at).toISOString(), orders: run.orders, changes: changes.map(toSyncChange),
    error: run.error, errorKind: run.errorKind, trigger: run.trigger, durationMs: run.durationMs, first: run.first };
}

export function toSyncChange(c: SyncChangeRecord): SyncChange {
  return { ...c, at: new Date(c.at).toISOString() };
}
