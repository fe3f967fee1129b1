/**
 * Issue 22: a failed renewal or reissue stays on its certificate until a later issue resolves it,
 * so the list and the dashboard keep flagging it while other deliveries (the 30-day warning, a CA
 * message) come and go.
 */
import type { CertificateFailure } from '../../../shared/bridge/types.ts';
import type { CertificateRecord, StoredFailure } from './certificate-types.ts';

/** The seed's failure events, by the operation that failed. */
const FAILED_OPERATION: Readonly<Record<string, CertificateFailure['operation']>> = {
  'ssl_panel.renew_failed': 'renewal',
  'ssl_panel.reissue_failed': 'reissue',
};
const ISSUED = 'ssl_panel.issued';

/** The failure a certificate carries after a (newer) delivery of `event`. */
export function failureAfter(previous: StoredFailure | null | undefined, event: string | null, deliveryId: string,
  eventAt: number): StoredFailure | null {
  if (event && Object.hasOwn(FAILED_OPERATION, event)) return { event, deliveryId, at: eventAt };
  if (event === ISSUED) return null;
  return previous ?? null;
}

/**
 * The failure as stored; where the store does not keep one (`failure` absent), what the last event
 * says: a failure that was the certificate's last news is unresolved.
 */
function storedFailure(c: CertificateRecord): StoredFailure | null {
  if (c.failure !== undefined) return c.failure;
  return c.lastEvent && Object.hasOwn(FAILED_OPERATION, c.lastEvent) ? { event: c.lastEvent, deliveryId: c.lastDelivery, at: c.eventAt } : null;
}

export function failureView(c: CertificateRecord): CertificateFailure | null {
  const failure = storedFailure(c);
  return failure ? { event: failure.event, operation: FAILED_OPERATION[failure.event] ?? 'renewal', deliveryId: failure.deliveryId,
    at: new Date(failure.at).toISOString() } : null;
}
