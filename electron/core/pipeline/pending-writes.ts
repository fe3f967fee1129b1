/**
 * What the processor has handed to the writer but not yet seen committed: accepted delivery
 * ids and certificate states. The next delivery of a certificate can then be processed while
 * the previous one's commit is still in flight, and still sees its effects.
 */
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { CertificateLookup } from '../certificates/apply.ts';
import type { DeliveryHistory, DeliveryStore, SignedContentUse } from '../store/delivery-store.ts';

export class PendingWrites implements CertificateLookup {
  private readonly store: DeliveryStore;
  private readonly accepted = new Map<string, number>();
  private readonly certificates = new Map<string, CertificateRecord>();
  /** Signed content of accepted deliveries in flight, by key (SPEC §11). */
  private readonly signed = new Map<string, SignedContentUse[]>();
  /** The store's answer for the id just checked: `apply` asks for its first attempt right after. */
  private looked: { deliveryId: string; history: DeliveryHistory } | null = null;

  constructor(store: DeliveryStore) {
    this.store = store;
  }

  wasAccepted(deliveryId: string): boolean {
    if (this.accepted.has(deliveryId)) return true;
    const history = this.store.history(deliveryId);
    this.looked = { deliveryId, history };
    return history.accepted;
  }

  /** Where this signed content was accepted before: in flight first, then the store. */
  signedContent(signedKey: string): SignedContentUse[] {
    return [...this.signed.get(signedKey) ?? [], ...this.store.signedContent(signedKey)];
  }

  get(id: string): CertificateRecord | undefined {
    return this.certificates.get(id) ?? this.store.certificates.get(id);
  }

  byOrder(orderId: string): CertificateRecord | undefined {
    for (const record of this.certificates.values()) if (record.orderId === orderId) return record;
    return this.store.certificates.byOrder(orderId);
  }

  firstReceivedAt(deliveryId: string): number | null {
    const looked = this.looked;
    this.looked = null;
    return looked?.deliveryId === deliveryId ? looked.history.firstReceivedAt : this.store.firstReceivedAt(deliveryId);
  }

  /** Tracks a write until `commit` settles (committed or failed: then the store is the truth again). */
  track<T>(commit: Promise<T>, acceptedId: string | null, certificate: CertificateRecord | null,
    signed?: { key: string; use: SignedContentUse }): Promise<T> {
    // A write in flight may be an earlier attempt of the id looked up: ask the store again next time.
    this.looked = null;
    if (acceptedId) this.accepted.set(acceptedId, (this.accepted.get(acceptedId) ?? 0) + 1);
    if (certificate) this.certificates.set(certificate.id, certificate);
    if (signed) this.signed.set(signed.key, [...this.signed.get(signed.key) ?? [], signed.use]);
    const settle = () => {
      if (signed) {
        const left = (this.signed.get(signed.key) ?? []).filter((use) => use !== signed.use);
        if (left.length > 0) this.signed.set(signed.key, left); else this.signed.delete(signed.key);
      }
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
