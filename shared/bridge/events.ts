/** The push side of the bridge: events the core sends to the UI as they happen. */
import type { CertificateSummary, DeploymentResult, DeploymentStatus, DeliverySummary, HookOutput, NotificationEntry, PauseState, TunnelState } from './types.ts';
import type { SyncStatus } from './sync-types.ts';

export interface BridgeEvents {
  /** A delivery was stored (any outcome). */
  delivery: DeliverySummary;
  /** A notification was recorded, shown or not. */
  notification: NotificationEntry;
  /** A certificate's state changed. */
  certificate: CertificateSummary;
  /** Output of a hook test run (`hooks.test`) as it is written. */
  hookOutput: HookOutput;
  /** The tunnel's state changed (phase, URL, check). */
  tunnel: TunnelState;
  /** A line the tunnel printed. */
  tunnelOutput: { line: string };
  /** Notifications were paused or resumed (here, from another process, or the pause ran out). */
  pause: PauseState;
  /** A deployment target was checked (SPEC §12). */
  deployment: DeploymentResult;
  /** A deployment round started or ended. */
  deploymentStatus: DeploymentStatus;
  /** A provider sync started or ended (SPEC §13). */
  sync: SyncStatus;
}

export type EventName = keyof BridgeEvents;
export const EVENT_NAMES: readonly EventName[] = ['delivery', 'notification', 'certificate', 'hookOutput', 'tunnel', 'tunnelOutput', 'pause', 'deployment', 'deploymentStatus', 'sync'];

/** One call's answer over IPC: the same shape as the HTTP transport's body and status. */
export type BridgeReply = { ok: true; result: unknown } | { ok: false; status: number; error: string };

export type BridgeEvent = { [E in EventName]: { event: E; data: BridgeEvents[E] } }[EventName];
