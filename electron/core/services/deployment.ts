/** The deployment check (SPEC §12) for every face: latest results, history, a check now, the checker's state. */
import type { DeploymentResult, DeploymentStatus } from '../../../shared/bridge/types.ts';
import type { DeploymentCheckRecord } from '../deployment/deployment-types.ts';
import { ServiceError } from './service-error.ts';
import type { ServiceParts } from './service-parts.ts';

export const DEFAULT_DEPLOYMENT_HISTORY = 50;

export class DeploymentService {
  private readonly parts: ServiceParts;

  constructor(parts: ServiceParts) {
    this.parts = parts;
  }

  /** The latest result of each target, of one certificate or of all. */
  list(certificateId?: string): DeploymentResult[] {
    return this.results(this.parts.store.deployments.latest(certificateId));
  }

  /** Stored results of one certificate (or one of its targets), newest first. */
  history(certificateId: string, target?: string, limit = DEFAULT_DEPLOYMENT_HISTORY): DeploymentResult[] {
    this.known(certificateId);
    return this.results(this.parts.store.deployments.history(certificateId, target, limit));
  }

  /** Checks now: one certificate, or every certificate with an issued certificate. */
  async check(certificateId?: string): Promise<DeploymentResult[]> {
    if (certificateId !== undefined && this.known(certificateId).issuedPem === null) {
      throw new ServiceError('conflict', `certificate ${certificateId} has no issued certificate to compare with yet`);
    }
    return this.results(await this.parts.deployment().check(certificateId));
  }

  status(): DeploymentStatus {
    return this.parts.deployment().status();
  }

  /** Round starts and ends (the bridge's `deploymentStatus` event); returns the unsubscribe. */
  onStatus(listener: (status: DeploymentStatus) => void): () => void {
    return this.parts.deployment().onStatus(listener);
  }

  /** Stored records as the bridge and `--json` give them. */
  results(records: readonly DeploymentCheckRecord[]): DeploymentResult[] {
    const names = new Map<string, string | null>();
    const nameOf = (id: string) => {
      if (!names.has(id)) names.set(id, this.parts.store.certificates.get(id)?.commonName ?? null);
      return names.get(id)!;
    };
    return records.map((r) => ({
      certificateId: r.certificateId, commonName: nameOf(r.certificateId), name: r.name, target: r.target, state: r.state,
      servedFingerprint: r.servedFingerprint, issuedFingerprint: r.issuedFingerprint, servedNotAfter: r.servedNotAfter,
      chainVerified: r.chainVerified, chainError: r.chainError, checkedAt: new Date(r.checkedAt).toISOString(),
      durationMs: r.durationMs, error: r.error,
    }));
  }

  private known(certificateId: string) {
    const certificate = this.parts.store.certificates.get(certificateId);
    if (!certificate) throw new ServiceError('not-found', `no certificate ${certificateId}`);
    return certificate;
  }
}
