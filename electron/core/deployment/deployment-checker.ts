/**
 * A deployment round (SPEC §12): every target of the given certificates probed with at most
 * `concurrency` sockets open at once; each certificate's results stored with the notifications
 * they raise as soon as its last target is done (so a UI sees them come in), the notifications
 * shown together once the round is over (one coalesced notification for a round's problems).
 */
import type { Config } from '../../../shared/config/index.ts';
import { deploymentDecision, EMPTY_TARGET_MEMORY } from '../../../shared/notify/deployment.ts';
import type { NotificationDecision } from '../../../shared/notify/types.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { Logger } from '../logger.ts';
import type { NotificationCenter } from '../notifications/notification-center.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { NewNotification } from '../store/delivery-types.ts';
import { targetKey } from '../store/read/deployment-reads.ts';
import { forEachBounded } from './bounded.ts';
import type { CheckTarget, DeploymentCheckRecord, DeploymentWrite } from './deployment-types.ts';
import { planTargets, targetTable } from './targets.ts';
import { probeTls, type ProbeResult, type ProbeTarget } from './tls-probe.ts';

/** Sockets open at once, at most: a workstation must not open hundreds of connections in one go. */
export const DEFAULT_CONCURRENCY = 16;
/**
 * At most one new connection per this many ms: 100 handshakes a second, so 400 targets take about
 * 4 s and a round never takes both cores from the listener (see docs/decisions.md).
 */
export const DEFAULT_SPACING_MS = 10;
const HOUR_MS = 3_600_000;
const BATCH_MS = 500;

export interface CheckerDeps {
  store: DeliveryStore;
  center: Pick<NotificationCenter, 'prepare' | 'release'>;
  settings: () => Config['deployment'];
  thresholds: () => number[];
  now: () => number;
  logger: Logger;
  concurrency?: number;
  spacingMs?: number;
  probe?: (target: ProbeTarget, timeoutMs: number, signal?: AbortSignal) => Promise<ProbeResult>;
}

export function recordOf(target: CheckTarget, probe: ProbeResult, checkedAt: number): DeploymentCheckRecord {
  const base = { certificateId: target.certificateId, name: target.name, target: target.target,
    issuedFingerprint: target.issuedFingerprint, checkedAt, durationMs: probe.durationMs };
  if (!probe.ok) {
    return { ...base, state: 'unreachable', servedFingerprint: null, servedNotAfter: null, chainVerified: null,
      chainError: null, error: probe.error };
  }
  const state = probe.fingerprint === target.issuedFingerprint ? 'served' : probe.coversName ? 'old' : 'wrong-name';
  return { ...base, state, servedFingerprint: probe.fingerprint, servedNotAfter: probe.notAfter,
    chainVerified: probe.chainVerified, chainError: probe.chainError, error: null };
}

export class DeploymentChecker {
  private readonly deps: CheckerDeps;

  constructor(deps: CheckerDeps) {
    this.deps = deps;
  }

  /**
   * Checks these certificates now; resolves with every result once all are stored. Once `signal`
   * aborts (shutdown), open handshakes end at once and nothing more is stored.
   */
  async run(certificates: readonly CertificateRecord[], signal?: AbortSignal): Promise<DeploymentCheckRecord[]> {
    const settings = this.deps.settings();
    const table = targetTable(settings.targets);
    const plans = certificates.map((c) => ({ certificate: c, targets: planTargets(c, table).targets }))
      .filter((p) => p.targets.length > 0);
    const remaining = new Map(plans.map((p) => [p.certificate.id, p.targets.length]));
    const done = new Map<string, { target: CheckTarget; record: DeploymentCheckRecord }[]>();
    const decisions: NotificationDecision[] = [];
    const rows: NewNotification[] = [];
    const results: DeploymentCheckRecord[] = [];
    const writes: Promise<void>[] = [];
    const probe = this.deps.probe ?? probeTls;
    // Certificates done within half a second share one write (one commit, one fsync), so a round
    // of hundreds of certificates does not queue hundreds of commits before the deliveries' own.
    let batch: DeploymentWrite = { checks: [], notifications: [], complete: [] };
    let flushTimer: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      if (batch.complete.length === 0) return;
      const write = batch;
      batch = { checks: [], notifications: [], complete: [] };
      writes.push(this.deps.store.recordDeployment(write)
        .catch((error: Error) => { this.deps.logger.error(`deployment: cannot store the results: ${error.message}`); throw error; }));
    };

    await forEachBounded(plans.flatMap((p) => p.targets), this.deps.concurrency ?? DEFAULT_CONCURRENCY, async (target) => {
      if (signal?.aborted) return;
      const outcome = await probe({ host: target.host, port: target.port, name: target.name }, settings.timeoutMs, signal);
      if (signal?.aborted) return;
      const record = recordOf(target, outcome, this.deps.now());
      const list = done.get(target.certificateId) ?? [];
      list.push({ target, record });
      done.set(target.certificateId, list);
      const left = remaining.get(target.certificateId)! - 1;
      remaining.set(target.certificateId, left);
      if (left > 0) return;
      const decided = this.decide(target.certificateId, list, settings.graceHours * HOUR_MS);
      decisions.push(...decided.decisions);
      rows.push(...decided.rows);
      results.push(...list.map((entry) => entry.record));
      batch.checks.push(...decided.checks);
      batch.notifications.push(...decided.rows);
      batch.complete.push(target.certificateId);
      flushTimer ??= setTimeout(flush, BATCH_MS);
    }, this.deps.spacingMs ?? DEFAULT_SPACING_MS);
    flush();
    await Promise.all(writes);
    this.deps.center.release(decisions, rows);
    return results;
  }

  /** A certificate's results with their new memories and the notifications they raise. */
  private decide(certificateId: string, list: { target: CheckTarget; record: DeploymentCheckRecord }[], graceMs: number) {
    const memories = this.deps.store.deployments.memories(certificateId);
    const thresholds = this.deps.thresholds();
    const decisions: NotificationDecision[] = [];
    const checks = list.map(({ target, record }) => {
      const memory = memories.get(targetKey(record.name, record.target)) ?? EMPTY_TARGET_MEMORY;
      const next = deploymentDecision({ certificateId, commonName: target.commonName, name: record.name, target: record.target,
        state: record.state, servedFingerprint: record.servedFingerprint, servedNotAfter: record.servedNotAfter,
        issuedFingerprint: record.issuedFingerprint, issuedAt: target.issuedAt, graceMs, thresholdsDays: thresholds,
        now: record.checkedAt }, memory);
      if (next.decision) decisions.push(next.decision);
      return { record, memory: next.memory };
    });
    return { decisions, rows: this.deps.center.prepare(decisions), checks };
  }
}
