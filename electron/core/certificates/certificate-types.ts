/** The certificate inventory of SPEC §6, as stored and as `certbell certificates` shows it. */
import type { ExpiryState } from '../../../shared/notify/types.ts';
export type { CertificateSummary, NotificationEntry } from '../../../shared/bridge/types.ts';

/** What a failed renewal or reissue leaves on its certificate. */
export interface StoredFailure {
  event: string;
  deliveryId: string | null;
  /** First receipt of the delivery that said so (ms). */
  at: number;
}

export interface CertificateRecord {
  id: string;
  commonName: string | null;
  orderId: string | null;
  orderStatus: string | null;
  status: string | null;
  operation: string | null;
  expireAt: string | null;
  activatedAt: string | null;
  preValidationStatus: string | null;
  failedValidators: string[];
  lastEvent: string | null;
  lastDelivery: string | null;
  /** When the delivery that last set the status was first received (orders out-of-order retries). */
  eventAt: number;
  updatedAt: number;
  expiry: ExpiryState;
  /** SPEC §12: the issued main certificate (PEM), from the newest delivery that carried one. */
  issuedPem: string | null;
  /** When the delivery that carried it was first received (ms): the deployment check's grace counts from here. */
  issuedAt: number | null;
  /** SPEC §13: known only from the provider's API; a delivery about it clears this. */
  providerOnly: boolean;
  /** When a provider sync last saw its order (ms), or null. */
  syncedAt: number | null;
  /**
   * Issue 22: the renewal or reissue failure no later issue resolved (null: none). Stored since
   * schema version 10; absent only on records made before any store read (then certificate-view.ts
   * falls back on `lastEvent`).
   */
  failure?: StoredFailure | null;
  /**
   * Set on the record a delivery made from a provider-only entry of its order: that entry's id, whose
   * rows (timeline, notifications, checks) move to this record as it is written. Not stored.
   */
  replaces?: string;
}
