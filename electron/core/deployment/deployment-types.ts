/** The deployment check's records (SPEC §12), as checked, stored and read back. */
import type { TargetMemory } from '../../../shared/notify/deployment.ts';
import type { NewNotification } from '../store/delivery-types.ts';
import type { DeploymentResult } from '../../../shared/bridge/types.ts';
export type { DeploymentResult, DeploymentStatus } from '../../../shared/bridge/types.ts';

/** One place to connect to for one name of one certificate. */
export interface CheckTarget {
  certificateId: string;
  commonName: string | null;
  /** The name checked: the SNI, and what the served certificate must cover. */
  name: string;
  host: string;
  port: number;
  /** "host:port" as shown. */
  target: string;
  issuedFingerprint: string;
  issuedAt: number | null;
}

/** One check's result, as stored: the bridge's result without the common name (read from the certificate), its time in ms. */
export type DeploymentCheckRecord = Omit<DeploymentResult, 'commonName' | 'checkedAt'> & { checkedAt: number };

/** A round's results, each target's new memory, and the notifications they raised: one transaction. */
export interface DeploymentWrite {
  checks: { record: DeploymentCheckRecord; memory: TargetMemory }[];
  notifications: NewNotification[];
  /** Certificates checked in full: their targets not in `checks` are retired (history kept). */
  complete: string[];
}
