/**
 * Certbell's own expiry schedule (SPEC §7): every certificate checked against the thresholds at
 * start, at least hourly, when the wall clock jumps (the machine resumed from sleep), and after
 * deliveries (once a burst of them is over). Each certificate is updated in its own processing
 * queue, so it never races a delivery for it.
 */
import { expiryDecision } from '../../../shared/notify/index.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { NotificationCenter } from '../notifications/notification-center.ts';
import type { CertificateRecord } from './certificate-types.ts';

export interface ExpiryScheduleDeps {
  store: DeliveryStore;
  center: Pick<NotificationCenter, 'prepare' | 'release'>;
  /** The processor's per-certificate turns: the work gets the certificate's current state. */
  serialize: <T>(certificateId: string, work: (current: CertificateRecord | undefined) => Promise<T>) => Promise<T>;
  thresholds: () => number[];
  /** Wall clock (ms) and a monotonic clock (ms), injected so tests can move time. */
  now: () => number;
  monotonic?: () => number;
  logger: Logger;
  everyMs?: number;
  tickMs?: number;
  /** How long after a delivery the whole inventory is checked; deliveries meanwhile share that check. */
  afterDeliveryMs?: number;
}

export class ExpirySchedule {
  private readonly deps: ExpiryScheduleDeps;
  private timer: NodeJS.Timeout | undefined;
  private lastCheck = { wall: 0, mono: 0 };
  private checking: Promise<number> | null = null;
  private afterDeliveryTimer: NodeJS.Timeout | undefined;

  constructor(deps: ExpiryScheduleDeps) {
    this.deps = deps;
  }

  private mono(): number {
    return (this.deps.monotonic ?? (() => performance.now()))();
  }

  start(): Promise<number> {
    const tickMs = this.deps.tickMs ?? 60_000;
    this.timer = setInterval(() => { void this.tick(); }, tickMs);
    this.timer.unref();
    return this.check();
  }

  /** Checks when an hour has passed, or when wall time moved further than monotonic time (resume). */
  tick(): Promise<number> | undefined {
    const wallGone = this.deps.now() - this.lastCheck.wall;
    const monoGone = this.mono() - this.lastCheck.mono;
    const jumped = Math.abs(wallGone - monoGone) > 2 * (this.deps.tickMs ?? 60_000);
    if (jumped) this.deps.logger.info('expiry: the clock jumped (resume?); checking certificates');
    if (jumped || wallGone >= (this.deps.everyMs ?? 3_600_000)) return this.check();
    return undefined;
  }

  /**
   * A delivery was stored: check every certificate, not only its own (which the delivery's step 2
   * already did), once the burst it may belong to has passed.
   */
  afterDelivery(): void {
    if (this.afterDeliveryTimer) return;
    this.afterDeliveryTimer = setTimeout(() => {
      this.afterDeliveryTimer = undefined;
      this.check().catch((error: Error) => this.deps.logger.error(`expiry: ${error.message}`));
    }, this.deps.afterDeliveryMs ?? 1000);
    this.afterDeliveryTimer.unref();
  }

  /** Resolves with how many notifications were raised. */
  check(): Promise<number> {
    this.checking ??= this.checkAll().finally(() => { this.checking = null; });
    return this.checking;
  }

  private async checkAll(): Promise<number> {
    this.lastCheck = { wall: this.deps.now(), mono: this.mono() };
    let raised = 0;
    for (const { id } of this.deps.store.certificates.all()) {
      raised += await this.deps.serialize(id, (current) => this.checkOne(current));
    }
    return raised;
  }

  private async checkOne(current: CertificateRecord | undefined): Promise<number> {
    if (!current?.expireAt) return 0;
    const id = current.id;
    const { decision, state } = expiryDecision({ certificateId: id, commonName: current.commonName, expireAt: current.expireAt },
      current.expiry, this.deps.thresholds(), this.deps.now());
    if (!decision && sameState(state, current.expiry)) return 0;
    const decisions = decision ? [decision] : [];
    const rows = this.deps.center.prepare(decisions);
    const updated: CertificateRecord = { ...current, expiry: state };
    await this.deps.store.note(rows, updated);
    this.deps.center.release(decisions, rows);
    return decisions.length;
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.afterDeliveryTimer);
    this.afterDeliveryTimer = undefined;
  }
}

function sameState(a: CertificateRecord['expiry'], b: CertificateRecord['expiry']): boolean {
  return a.expiredNotified === b.expiredNotified && a.notifiedDays.length === b.notifiedDays.length
    && a.notifiedDays.every((d, i) => b.notifiedDays[i] === d);
}
