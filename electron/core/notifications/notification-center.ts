/**
 * Between the policy and the notifier: which decisions are shown (settings, a pause, quiet hours),
 * the history rows for all of them, coalescing of bursts, and the rate-limited security warning.
 */
import { coalesce, INITIAL_SECURITY_GATE, securityDecision, securityGate, securityGateOpensAt, visibility } from '../../../shared/notify/index.ts';
import type { NotificationDecision, NotificationSettings, SecurityGateState } from '../../../shared/notify/types.ts';
import type { Logger } from '../logger.ts';
import type { NewNotification } from '../store/delivery-types.ts';
import { NO_NOTIFIER, type Notifier } from './notifier.ts';
import { memoryPause, PauseSwitch, type PauseListener, type PauseStore } from './pause.ts';

export interface CenterDeps {
  settings: () => NotificationSettings;
  notifier: () => Notifier;
  now: () => number;
  logger: Logger;
  /** Persists history rows made outside a delivery (security, expiry). */
  record: (rows: NewNotification[]) => Promise<void>;
  /** How long to gather a burst before showing it. */
  coalesceMs?: number;
  /** When the last security notification was raised (by an earlier run): its 10 minutes still count. */
  lastSecurityAt?: number | null;
  /** Where "pause notifications" is kept (pause.json, the desktop's preferences); default: memory. */
  pause?: PauseStore;
}

export class NotificationCenter {
  private readonly deps: CenterDeps;
  private pending: NotificationDecision[] = [];
  private timer: NodeJS.Timeout | undefined;
  private gate: SecurityGateState;
  private gateTimer: NodeJS.Timeout | undefined;
  private readonly paused: PauseSwitch;

  constructor(deps: CenterDeps) {
    this.deps = deps;
    this.gate = { ...INITIAL_SECURITY_GATE, lastShownAt: deps.lastSecurityAt ?? null };
    this.paused = new PauseSwitch(deps.pause ?? memoryPause(), deps.now, deps.logger);
  }

  /** Until when notifications are paused (ms since epoch), or null. */
  pausedUntil(): number | null {
    return this.paused.pausedUntil();
  }

  /** Pauses until `until`, or resumes (null, or an instant already past); returns the pause in force. */
  pause(until: number | null): number | null {
    return this.paused.pause(until);
  }

  /** Each pause, resume and end of a pause (also by another process); returns the unsubscribe. */
  onPauseChange(listener: PauseListener): () => void {
    return this.paused.onChange(listener);
  }

  /** The notifier's name ('none': nothing pops up), so the UI does not claim a test notification was seen. */
  get notifierName(): string {
    return this.deps.notifier().name;
  }

  /**
   * History rows for these decisions, each shown or not (and why), stamped now. Without a
   * notifier (no session bus) nothing can pop up: what the settings would show is recorded as
   * not shown, for `no-notifier`.
   */
  prepare(decisions: NotificationDecision[]): NewNotification[] {
    if (decisions.length === 0) return [];
    const now = this.deps.now();
    const settings = this.deps.settings();
    const canShow = this.deps.notifier().name !== NO_NOTIFIER;
    const pausedUntil = this.paused.pausedUntil();
    return decisions.map((d) => {
      const seen = visibility(d, settings, new Date(now), pausedUntil);
      const reason = !seen.shown ? seen.reason : canShow ? null : 'no-notifier';
      return { kind: d.kind, title: d.title, body: d.body, urgency: d.urgency, certificateId: d.certificateId,
        deliveryId: d.deliveryId, createdAt: now, shown: reason === null, reason };
    });
  }

  /** After the rows are durable: show the visible ones, bursts coalesced. */
  release(decisions: NotificationDecision[], rows: NewNotification[]): void {
    const visible = decisions.filter((_, i) => rows[i]?.shown);
    if (visible.length === 0) return;
    this.pending.push(...visible);
    this.timer ??= setTimeout(() => void this.flush(), this.deps.coalesceMs ?? 750);
  }

  /** Shows what is gathered now (also used on shutdown); resolves once the notifier has taken each. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    const notifier = this.deps.notifier();
    await Promise.all(coalesce(batch).map((shown) => notifier.show(shown)
      .catch((error: Error) => this.deps.logger.warn(`notifications: ${notifier.name}: ${error.message}`))));
  }

  /** Decide, record and show decisions made outside a delivery (expiry schedule, security). */
  async raise(decisions: NotificationDecision[]): Promise<void> {
    if (decisions.length === 0) return;
    const rows = this.prepare(decisions);
    await this.deps.record(rows);
    this.release(decisions, rows);
  }

  /** A delivery was rejected for its signature: at most one warning per 10 minutes, with a count. */
  signatureRejected(): void {
    this.checkGate(1);
  }

  private checkGate(rejections: number): void {
    const verdict = securityGate(this.gate, this.deps.now(), undefined, rejections);
    this.gate = verdict.state;
    if (verdict.show) {
      const since = new Date(verdict.since ?? this.deps.now()).toISOString();
      void this.raise([securityDecision(verdict.count, since)]).catch((error: Error) => this.deps.logger.error(`notifications: ${error.message}`));
    }
    // Rejections held back by the gate are reported when it opens, even if no more arrive.
    const opensAt = securityGateOpensAt(this.gate);
    if (opensAt !== null && !this.gateTimer) {
      this.gateTimer = setTimeout(() => { this.gateTimer = undefined; this.checkGate(0); }, Math.max(10, opensAt - this.deps.now()));
      this.gateTimer.unref();
    }
  }

  /** Shows what is still gathered; the notifier may be closed once this resolves. */
  stop(): Promise<void> {
    clearTimeout(this.gateTimer);
    this.paused.stop();
    return this.flush();
  }
}
