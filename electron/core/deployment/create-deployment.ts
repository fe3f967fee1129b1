/** The deployment check's parts made once, for the running core and for a one-shot CLI command. */
import type { Config } from '../../../shared/config/index.ts';
import type { Logger } from '../logger.ts';
import type { NotificationCenter } from '../notifications/notification-center.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import { DeploymentChecker } from './deployment-checker.ts';
import { DeploymentSchedule } from './deployment-schedule.ts';
import { ProbeThread } from './probe-thread.ts';
import type { ProbeResult, ProbeTarget } from './tls-probe.ts';

/** Timing and limits a shell or a test may change. */
export interface DeploymentOptions {
  concurrency?: number;
  /** Least time between two new connections of a round. */
  spacingMs?: number;
  tickMs?: number;
  afterIssuedMs?: number;
  probe?: (target: ProbeTarget, timeoutMs: number, signal?: AbortSignal) => Promise<ProbeResult>;
}

export interface DeploymentParts extends DeploymentOptions {
  store: DeliveryStore;
  center: Pick<NotificationCenter, 'prepare' | 'release'>;
  config: () => Config;
  now: () => number;
  logger: Logger;
}

/** The handshakes run on their own thread (probe-thread.ts) unless a probe is given. */
export function createDeployment(parts: DeploymentParts): DeploymentSchedule {
  const settings = () => parts.config().deployment;
  const thread = parts.probe ? null : new ProbeThread();
  const probe = parts.probe ?? ((target: ProbeTarget, timeoutMs: number, signal?: AbortSignal) => thread!.probe(target, timeoutMs, signal));
  const checker = new DeploymentChecker({ store: parts.store, center: parts.center, settings, now: parts.now, logger: parts.logger,
    thresholds: () => parts.config().notifications.expiryThresholdsDays, concurrency: parts.concurrency, spacingMs: parts.spacingMs, probe });
  return new DeploymentSchedule({ store: parts.store, checker, settings, now: parts.now, logger: parts.logger,
    tickMs: parts.tickMs, afterIssuedMs: parts.afterIssuedMs, release: () => thread?.close() });
}
