/** The certificate inventory of SPEC §6, as stored and as `certbell certificates` shows it. */
import type { ExpiryState } from '../../../shared/notify/types.ts';

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
}

/** A row of `certbell certificates --json` (SPEC §9). */
export interface CertificateView {
  id: string;
  commonName: string | null;
  orderId: string | null;
  orderStatus: string | null;
  status: string | null;
  operation: string | null;
  /** The seed's status-mapping wording, e.g. "Active" or "Requested at the CA (renew)". */
  statusText: string;
  expireAt: string | null;
  daysLeft: number | null;
  activatedAt: string | null;
  preValidationStatus: string | null;
  failedValidators: string[];
  lastEvent: string | null;
  lastDelivery: string | null;
  updatedAt: string;
}

export interface NotificationRecord {
  id: number;
  kind: string;
  title: string;
  body: string;
  urgency: string;
  certificateId: string | null;
  deliveryId: string | null;
  createdAt: string;
  shown: boolean;
  /** Why it was not shown: disabled, kind-off, quiet-hours. */
  reason: string | null;
}
