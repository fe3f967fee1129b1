/** The inventory as shown by `certbell certificates` and the UI: days left, status wording. */
import { describeStatus, mapStatus } from '../../../shared/openprovider/status-mapping.ts';
import type { CertificateRecord, CertificateSummary } from './certificate-types.ts';
import type { DeploymentState } from '../../../shared/deployment/states.ts';
import { DAY_MS } from '../../../shared/time/day.ts';
import { failureView } from './failure.ts';


/** Whole days until expiry, rounded up (expires later today: 1; expired: 0 or less). */
export function daysLeft(expireAt: string | null, now: number): number | null {
  if (!expireAt) return null;
  const at = Date.parse(expireAt);
  return Number.isNaN(at) ? null : Math.ceil((at - now) / DAY_MS);
}

/**
 * The seed's wording of the status, except that an active certificate past its expireAt is
 * "Expired": the provider may never say so (no delivery comes when it lapses).
 */
function statusText(c: CertificateRecord, days: number | null): string {
  const expired = days !== null && days <= 0;
  if (expired && mapStatus(c.orderStatus, c.status, c.operation)?.apiStatus === 'ACT') return 'Expired';
  return describeStatus(c.orderStatus, c.status, c.operation);
}

export function certificateView(c: CertificateRecord, now: number, deployment: DeploymentState | null = null): CertificateSummary {
  const days = daysLeft(c.expireAt, now);
  return {
    id: c.id, commonName: c.commonName, orderId: c.orderId, orderStatus: c.orderStatus, status: c.status,
    operation: c.operation, statusText: statusText(c, days), expireAt: c.expireAt,
    daysLeft: days, activatedAt: c.activatedAt, preValidationStatus: c.preValidationStatus,
    failedValidators: c.failedValidators, lastEvent: c.lastEvent, lastDelivery: c.lastDelivery,
    updatedAt: new Date(c.updatedAt).toISOString(), deployment,
    providerOnly: c.providerOnly, syncedAt: c.syncedAt === null ? null : new Date(c.syncedAt).toISOString(),
    failure: failureView(c),
  };
}
