/**
 * Which certificates need the user's attention, and why (failed, not deployed, expiring, waiting
 * on the CA). Shared so the dashboard and the desktop tray icon agree on what "attention" means.
 */
import type { DeploymentState } from '../deployment/states.ts';
import type { CertificateSummary } from './types.ts';

export const EXPIRY_WARNING_DAYS = 30;

/**
 * SPEC §12: a host serving another certificate than the issued one is the renewed-but-not-deployed
 * outage in waiting. An unreachable target is not flagged: internal hosts are often out of reach.
 */
const DEPLOYMENT_REASONS: Partial<Record<DeploymentState, string>> = {
  old: 'old certificate still served',
  'wrong-name': 'a certificate for another name is served',
};

export function attentionReason(cert: CertificateSummary): string | null {
  const status = (cert.status ?? '').toLowerCase();
  if (status === 'failed' || status === 'rejected') return `status ${status}`;
  const deployment = cert.deployment ? DEPLOYMENT_REASONS[cert.deployment] : undefined;
  if (deployment) return deployment;
  if (cert.daysLeft !== null && cert.daysLeft <= EXPIRY_WARNING_DAYS) {
    return cert.daysLeft < 0 ? `expired ${-cert.daysLeft} days ago` : `expires in ${cert.daysLeft} days`;
  }
  if (cert.lastEvent && /ca_chat/i.test(cert.lastEvent)) return 'the CA is waiting for an answer';
  return null;
}
