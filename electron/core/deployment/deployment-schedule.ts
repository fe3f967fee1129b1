/**
 * When deployments are checked (SPEC §12): at start, `graceHours` after issuance, then every
 * `intervalHours`, on resume and on demand. A certificate whose delivery brings a new issued
 * certificate is also checked shortly after (its deploy hooks have run by then), so the page
 * shows "not deployed yet" at once; notifications wait for the grace time all the same. One
 * round runs at a time: a request meanwhile waits for it and then runs.
 */
import type { Config } from '../../../shared/config/index.ts';
import type { DeploymentStatus } from '../../../shared/bridge/types.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { DeploymentChecker } from './deployment-checker.ts';
import type { DeploymentCheckRecord } from './deployment-types.ts';
import { issuedFacts } from './issued-certificate.ts';
import { planTargets, targetTable } from './targets.ts';

const HOUR_MS = 3_600_000;

export interface ScheduleDeps {
  store: DeliveryStore;
  checker: DeploymentChecker;
  settings: () => Config['deployment'];
  now: () => number;
  logger: Logger;
  /** How often due checks are looked for. */
  tickMs?: number;
  /** How long after a delivery with a new issued certificate it is checked. */
  afterIssuedMs?: number;
  /** Lets go of what the checks hold (the TLS thread), once the last round is over after `stop`. */
  release?: () => Promise<void> | void;
}

type StatusListener = (status: DeploymentStatus) => void;

export class DeploymentSchedule {
  private readonly deps: ScheduleDeps;
  private timer: NodeJS.Timeout | undefined;
  private readonly soon = new Map<string, NodeJS.Timeout>();
  private queue: Promise<unknown> = Promise.resolve();
  private active = 0;
  private lastRoundAt: number | null = null;
  private readonly listeners = new Set<StatusListener>();
  /** The issued fingerprint last seen per certificate, so a new one is noticed. */
  private readonly issued = new Map<string, string>();
  private stopped = false;
  private readonly aborter = new AbortController();

  constructor(deps: ScheduleDeps) {
    this.deps = deps;
  }

  /** Starts the schedule and checks every certificate now (when enabled). */
  start(): void {
    const checked = [...this.deps.store.deployments.lastChecked().values()];
    this.lastRoundAt = checked.length > 0 ? Math.max(...checked) : null;
    for (const c of this.deps.store.certificates.all()) {
      const facts = c.issuedPem ? issuedFacts(c.issuedPem) : null;
      if (facts) this.issued.set(c.id, facts.fingerprint);
    }
    this.timer = setInterval(() => this.tick(), this.deps.tickMs ?? 60_000);
    this.timer.unref();
    if (this.deps.settings().enabled) this.background(() => this.check(), 'start');
  }

  /** The machine woke up: check every certificate. */
  resume(): void {
    if (this.deps.settings().enabled) this.background(() => this.check(), 'resume');
  }

  /** A certificate changed: when it brings a new issued certificate, check it shortly. */
  certificateChanged(certificate: CertificateRecord): void {
    const facts = certificate.issuedPem ? issuedFacts(certificate.issuedPem) : null;
    if (!facts || this.issued.get(certificate.id) === facts.fingerprint) return;
    this.issued.set(certificate.id, facts.fingerprint);
    if (!this.deps.settings().enabled || this.soon.has(certificate.id)) return;
    const timer = setTimeout(() => {
      this.soon.delete(certificate.id);
      this.background(() => this.check(certificate.id), 'new certificate');
    }, this.deps.afterIssuedMs ?? 10_000);
    timer.unref();
    this.soon.set(certificate.id, timer);
  }

  /** Checks one certificate (or all with an issued certificate) now, after any round already running. */
  check(certificateId?: string): Promise<DeploymentCheckRecord[]> {
    const run = this.queue.then(() => this.round(certificateId));
    this.queue = run.catch(() => undefined);
    return run;
  }

  status(): DeploymentStatus {
    const table = targetTable(this.deps.settings().targets);
    const wildcardsWithoutTarget = this.deps.store.certificates.all()
      .flatMap((c) => planTargets(c, table).wildcards.map((name) => ({ certificateId: c.id, name })));
    return { enabled: this.deps.settings().enabled, checking: this.active > 0,
      lastRoundAt: this.lastRoundAt === null ? null : new Date(this.lastRoundAt).toISOString(), wildcardsWithoutTarget };
  }

  /** Each round's start and end; returns the unsubscribe. */
  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Certificates whose grace time has just passed, or whose last check is an interval old. */
  tick(): Promise<DeploymentCheckRecord[]> | undefined {
    const settings = this.deps.settings();
    if (!settings.enabled || this.stopped) return undefined;
    const now = this.deps.now();
    const last = this.deps.store.deployments.lastChecked();
    const due = this.withIssued().filter((c) => {
      const checked = last.get(c.id);
      if (checked === undefined) return true;
      const graceEnds = (c.issuedAt ?? 0) + settings.graceHours * HOUR_MS;
      return (now >= graceEnds && checked < graceEnds) || now - checked >= settings.intervalHours * HOUR_MS;
    });
    if (due.length === 0) return undefined;
    const run = this.queue.then(() => this.round(undefined, due.map((c) => c.id)));
    this.queue = run.catch(() => undefined);
    run.catch((error: Error) => this.deps.logger.error(`deployment: ${error.message}`));
    return run;
  }

  stop(): void {
    this.stopped = true;
    this.aborter.abort();
    clearInterval(this.timer);
    for (const timer of this.soon.values()) clearTimeout(timer);
    this.soon.clear();
  }

  /** Resolves once every round asked for so far is over (after `stop`: and the TLS thread has ended). */
  idle(): Promise<void> {
    const over = this.queue.then(() => undefined);
    return this.stopped ? over.then(() => this.deps.release?.()) : over;
  }

  /** Certificates with somewhere to connect to (an issued certificate that is not the sample, a name with a host). */
  private withIssued(): CertificateRecord[] {
    const table = targetTable(this.deps.settings().targets);
    return this.deps.store.certificates.all().filter((c) => c.issuedPem !== null && planTargets(c, table).targets.length > 0);
  }

  private async round(certificateId?: string, ids?: string[]): Promise<DeploymentCheckRecord[]> {
    if (this.stopped) return [];
    const all = this.withIssued();
    const wanted = certificateId !== undefined ? all.filter((c) => c.id === certificateId)
      : ids ? all.filter((c) => ids.includes(c.id)) : all;
    if (wanted.length === 0) return [];
    this.active++;
    this.emit();
    try {
      const results = await this.deps.checker.run(wanted, this.aborter.signal);
      this.lastRoundAt = this.deps.now();
      return results;
    } finally {
      this.active--;
      this.emit();
    }
  }

  private background(work: () => Promise<unknown>, why: string): void {
    work().catch((error: Error) => this.deps.logger.error(`deployment (${why}): ${error.message}`));
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.listeners) {
      try { listener(status); } catch { /* a broken subscriber must not stop the round */ }
    }
  }
}
