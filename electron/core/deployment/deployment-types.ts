/** The deployment check's records (SPEC §12), as checked, stored and read back. */
import type { DeploymentState } from '../../../shared/deployment/states.ts';
import type { TargetMemory } from '../../../shared/notify/deployment.ts';
import type { NewNotification } from '../store/delivery-types.ts';
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

/** One check's result, as stored (times in ms). */
export interface DeploymentCheckRecord {
  certificateId: string;
  name: string;
  target: string;
  state: DeploymentState;
  servedFingerprint: string | null;
  issuedFingerprint: string;
  servedNotAfter: string | null;
  chainVerified: boolean | null;
  chainError: string | null;
  checkedAt: number;
  durationMs: number;
  error: string | null;
}

/** A round's results, each target's new memory, and the notifications they raised: one transaction. */
export interface DeploymentWrite {
  checks: { record: DeploymentCheckRecord; memory: TargetMemory }[];
  notifications: NewNotification[];
  /** Certificates checked in full: their targets not in `checks` are retired (history kept). */
  complete: string[];
}
