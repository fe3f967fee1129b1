/** The inventory (SPEC §6) as every face shows it: days left computed now, soonest expiry first. */
import { certificateView } from '../certificates/certificate-view.ts';
import type { CertificateSummary } from '../certificates/certificate-types.ts';
import type { ServiceParts } from './service-parts.ts';

export class CertificateService {
  private readonly parts: ServiceParts;

  constructor(parts: ServiceParts) {
    this.parts = parts;
  }

  list(): CertificateSummary[] {
    const now = this.parts.now();
    const deployment = this.parts.store.deployments.worstStates();
    return this.parts.store.certificates.all().map((c) => certificateView(c, now, deployment.get(c.id) ?? null));
  }

  get(id: string): CertificateSummary | undefined {
    const record = this.parts.store.certificates.get(id);
    return record && certificateView(record, this.parts.now(), this.parts.store.deployments.worstStates(id).get(id) ?? null);
  }
}
