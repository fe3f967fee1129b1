/**
 * What needs the user's attention, and why: the setup (no secret, so every delivery is refused)
 * and certificates (failed, not deployed, expiring, waiting on the CA). Shared so the dashboard,
 * the desktop tray icon and `certbell serve`'s log agree on what "attention" means.
 */
import type { DeploymentState } from '../deployment/states.ts';
import type { CertificateSummary, ServiceStatus } from './types.ts';

export interface SetupProblem {
  id: 'no-secret';
  /** One line, for a log or a list. */
  text: string;
}

/** Issue 22: without a secret (and allowUnsigned false) every delivery gets 401, which nothing else would tell. */
export const NO_SECRET_TEXT = 'No secret is configured, so every delivery is rejected (401 "no secret configured"): '
  + "add the secret from SSL Panel's webhook settings to config.json's \"secrets\" (or Settings → Secrets)";

/** What is wrong with the setup itself, most urgent first. */
export function setupProblems(status: Pick<ServiceStatus, 'signing'>): SetupProblem[] {
  const { secrets, allowUnsigned } = status.signing;
  return secrets === 0 && !allowUnsigned ? [{ id: 'no-secret', text: NO_SECRET_TEXT }] : [];
}

export const EXPIRY_WARNING_DAYS = 30;

/**
 * SPEC §12: a host serving another certificate than the issued one is the renewed-but-not-deployed
 * outage in waiting. An unreachable target is not flagged: internal hosts are often out of reach.
 */
const DEPLOYMENT_REASONS: Partial<Record<DeploymentState, string>> = {
  old: 'old certificate still served',
  'wrong-name': 'a certificate for another name is served',
};

function expiryReason(daysLeft: number | null): string | null {
  if (daysLeft === null || daysLeft > EXPIRY_WARNING_DAYS) return null;
  if (daysLeft === 0) return 'expired today';
  if (daysLeft < 0) return `expired ${-daysLeft} ${daysLeft === -1 ? 'day' : 'days'} ago`;
  return `expires in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`;
}

export function attentionReason(cert: CertificateSummary): string | null {
  const status = (cert.status ?? '').toLowerCase();
  if (status === 'failed' || status === 'rejected') return `status ${status}`;
  const expiry = expiryReason(cert.daysLeft);
  // Issue 22: until a later issue resolves it; with the expiry it leaves coming, when that is near.
  if (cert.failure) return [`${cert.failure.operation} failed`, expiry].filter(Boolean).join('; ');
  const deployment = cert.deployment ? DEPLOYMENT_REASONS[cert.deployment] : undefined;
  if (deployment) return deployment;
  if (expiry) return expiry;
  if (cert.lastEvent && /ca_chat/i.test(cert.lastEvent)) return 'the CA is waiting for an answer';
  return null;
}
