/** What the main thread and the writer thread say to each other (worker-writer.ts, store-writer-worker.ts, the ring and its wire format). */
import type { CertificateRecord } from '../../certificates/certificate-types.ts';
import type { NewDelivery, NewNotification } from '../delivery-types.ts';
import type { RetentionLimits } from './retention.ts';
import type { DeploymentWrite } from '../../deployment/deployment-types.ts';
import type { SyncWrite } from '../../provider/sync-types.ts';

export type WriterRequest =
  | { op: 'add'; id: number; record: NewDelivery }
  | { op: 'prune'; id: number; limits: RetentionLimits; now: number }
  | { op: 'note'; id: number; notifications: NewNotification[]; certificate: CertificateRecord | null }
  | { op: 'deployment'; id: number; write: DeploymentWrite }
  | { op: 'sync'; id: number; write: SyncWrite }
  | { op: 'ping'; id: number }
  /** The checkpointer thread failed: the writer checkpoints in smaller steps itself. */
  | { op: 'checkpoint-alone'; id: number }
  | { op: 'close'; id: number };

export type WriterReply = { id: number; value: unknown } | { id: number; error: string };

/** Writer to main thread: the replies of one commit, once it is durable (or failed). */
export interface WriterMessage {
  replies: WriterReply[];
}
