/**
 * What the processor has handed to the writer but not yet seen committed: accepted delivery
 * ids and certificate states. The next delivery of a certificate can then be processed while
 * the previous one's commit is still in flight, and still sees its effects.
 */
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { CertificateLookup } from '../certificates/apply.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';

export class PendingWrites implements CertificateLookup {
  private readonly store: DeliveryStore;
  private readonly accepted = new Map<string, number>();
  private readonly certificates = new Map<string, CertificateRecord>();

  constructor(store: DeliveryStore) {
    this.store = store;
  }

  wasAccepted(deliveryId: string): boolean {
    return this.accepted.has(deliveryId) || this.store.wasAccepted(deliveryId);
  }

  get(id: string): CertificateRecord | undefined {
    return this.certificates.get(id) ?? this.store.certificates.get(id);
  }

  byOrder(orderId: string): CertificateRecord | undefined {
    for (const record of this.certificates.values()) if (record.orderId === orderId) return record;
    return this.store.certificates.byOrder(orderId);
  }

  firstReceivedAt(deliveryId: string): number | null {
    return this.store.firstReceivedAt(deliveryId);
  }

  /** Tracks a write until `commit` settles (committed or failed: then the store is the truth again). */
  track<T>(commit: Promise<T>, acceptedId: string | null, certificate: CertificateRecord | null): Promise<T> {
    if (acceptedId) this.accepted.set(acceptedId, (this.accepted.get(acceptedId) ?? 0) + 1);
    if (certificate) this.certificates.set(certificate.id, certificate);
    const settle = () => {
      if (acceptedId) {
        const left = (this.accepted.get(acceptedId) ?? 1) - 1;
        if (left > 0) this.accepted.set(acceptedId, left); else this.accepted.delete(acceptedId);
      }
      if (certificate && this.certificates.get(certificate.id) === certificate) this.certificates.delete(certificate.id);
    };
    commit.then(settle, settle);
    return commit;
  }
}
