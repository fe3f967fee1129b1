/**
 * Step 2 of the pipeline: the inventory change and the notifications a delivery brings. Nothing
 * is written here: the processor's unit of work commits the result with the delivery's record,
 * in one transaction (and `inventory` before that, when success or post hooks are to read it).
 */
import { decideForDelivery, expiryDecision, warnedWithin } from '../../../shared/notify/index.ts';
import type { NotificationDecision } from '../../../shared/notify/types.ts';
import { DAY_MS } from '../../../shared/time/day.ts';
import type { DeliveryFacts } from '../hooks/hook-context.ts';
import type { CertificateRecord } from './certificate-types.ts';
import { certificateIdOf, mergeCertificate, orderIdOf, touchCertificate } from './inventory.ts';
import { apiStatusOf, SYNC_EVENT } from './api-status.ts';

/** Where apply reads certificates: the store, overlaid with writes not yet committed. */
export interface CertificateLookup {
  get(id: string): CertificateRecord | undefined;
  byOrder(orderId: string): CertificateRecord | undefined;
  firstReceivedAt(deliveryId: string): number | null;
}

const PROVIDER_WARNING = 'ssl_panel.will_expire_in_30_days';

export interface ApplyResult {
  certificate: CertificateRecord | null;
  /**
   * The inventory change alone: `certificate` without the expiry schedule's new marks, which
   * belong with the notification they stand for (shown only once the delivery is accepted).
   */
  inventory: CertificateRecord | null;
  decisions: NotificationDecision[];
}

/** SPEC §13: the entry a provider sync made for this order, which the certificate a delivery names takes over. */
function providerEntry(store: CertificateLookup, certificateId: string, orderId: string | null): CertificateRecord | undefined {
  if (!orderId || store.get(certificateId)) return undefined;
  const owner = store.byOrder(orderId);
  return owner?.providerOnly ? owner : undefined;
}

function alreadyFoundBySync(before: CertificateRecord | undefined, after: CertificateRecord): boolean {
  return before?.lastEvent === SYNC_EVENT && apiStatusOf(before) !== null && apiStatusOf(before) === apiStatusOf(after);
}

export function applyDelivery(store: CertificateLookup, facts: DeliveryFacts, now: number, thresholdsDays: number[]): ApplyResult {
  const input = { event: facts.event, parsed: facts.parsed, deliveryId: facts.deliveryId, now,
    eventAt: store.firstReceivedAt(facts.deliveryId) ?? now };
  const certificateId = certificateIdOf(facts.parsed);
  let certificate: CertificateRecord | null = null;
  const adopted = certificateId ? providerEntry(store, certificateId, orderIdOf(facts.parsed)) : undefined;
  if (certificateId) {
    certificate = mergeCertificate(store.get(certificateId) ?? (adopted ? { ...adopted, id: certificateId } : null), input);
    if (certificate && adopted) certificate = { ...certificate, replaces: adopted.id };
  }
  else {
    const orderId = orderIdOf(facts.parsed);
    const owner = orderId ? store.byOrder(orderId) : undefined;
    if (owner) certificate = touchCertificate(owner, input);
  }
  let decisions = decideForDelivery({ event: facts.event, body: facts.parsed, deliveryId: facts.deliveryId,
    certificateId: certificate?.id ?? null, commonName: certificate?.commonName ?? null, expireAt: certificate?.expireAt ?? null });
  // Provider sync already raised what this delivery says (the delivery came late, e.g. a retry): once is enough.
  if (certificate && alreadyFoundBySync(adopted ?? store.get(certificate.id), certificate)) {
    decisions = decisions.filter((d) => d.kind !== 'issued' && d.kind !== 'failed' && d.kind !== 'info');
  }
  const inventory = certificate;
  if (certificate) {
    // The schedule got to the 30-day mark (or closer) first: the provider's warning says nothing new.
    if (facts.event === PROVIDER_WARNING && certificate.expireAt && warnedWithin(certificate.expiry, certificate.expireAt, 30)) {
      decisions = decisions.filter((d) => d.kind !== 'expiring');
    }
    // The provider's warning may come hours before the exact 30-day mark: it stands for that mark.
    const expireAtMs = certificate.expireAt ? Date.parse(certificate.expireAt) : NaN;
    const asOf = facts.event === PROVIDER_WARNING && !Number.isNaN(expireAtMs) ? Math.max(now, expireAtMs - 30 * DAY_MS) : now;
    const expiry = expiryDecision({ certificateId: certificate.id, commonName: certificate.commonName, expireAt: certificate.expireAt },
      certificate.expiry, thresholdsDays, asOf);
    certificate = { ...certificate, expiry: expiry.state };
    // The provider's own 30-day warning already says it; the schedule only records the threshold as done.
    if (expiry.decision && !decisions.some((d) => d.kind === 'expiring')) decisions.push({ ...expiry.decision, deliveryId: facts.deliveryId });
  }
  return { certificate, inventory, decisions };
}
