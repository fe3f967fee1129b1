/**
 * Which certificates need the user's attention, and why (failed, expiring, waiting on the CA).
 * Shared so the dashboard and the desktop tray icon agree on what "attention" means.
 */
import type { CertificateSummary } from './types.ts';

export const EXPIRY_WARNING_DAYS = 30;

export function attentionReason(cert: CertificateSummary): string | null {
  const status = (cert.status ?? '').toLowerCase();
  if (status === 'failed' || status === 'rejected') return `status ${status}`;
  if (cert.daysLeft !== null && cert.daysLeft <= EXPIRY_WARNING_DAYS) {
    return cert.daysLeft < 0 ? `expired ${-cert.daysLeft} days ago` : `expires in ${cert.daysLeft} days`;
  }
  if (cert.lastEvent && /ca_chat/i.test(cert.lastEvent)) return 'the CA is waiting for an answer';
  return null;
}
