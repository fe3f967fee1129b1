/**
 * When provider sync runs (SPEC §13): at start, on resume, every `provider.intervalMinutes`, on
 * demand, and soon after the provider settings change. A failed sync is tried again sooner: a
 * network error with a doubling backoff, maintenance after a fixed wait; a refused login waits
 * for the interval (or new settings). One sync at a time: a call during one shares its result.
 */
import type { SyncFailureKind, SyncStatus } from '../../../shared/bridge/sync-types.ts';
import type { ProviderConfig } from '../../../shared/config/index.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import { syncOnce, type ProviderSyncDeps } from './provider-sync.ts';
import { toSyncResult, type SyncResult, type SyncTrigger } from './sync-types.ts';

export interface SyncTiming {
  /** How often the schedule looks at the clock. */
  tickMs?: number;
  /** First wait after a network error; doubles per failure, up to the interval. */
  backoffMs?: number;
  /** Wait after a `maintenance` answer (at most the interval). */
  maintenanceRetryMs?: number;
}

export interface SyncScheduleDeps extends ProviderSyncDeps, SyncTiming {
  store: DeliveryStore;
  settings: () => ProviderConfig | null;
  logger: Logger;
}

const MINUTE_MS = 60_000;

export class SyncSchedule {
  private readonly deps: SyncScheduleDeps;
  private running: Promise<SyncResult> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private nextRunAt: number | null = null;
  private settingsKey: string;
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  constructor(deps: SyncScheduleDeps) {
    this.deps = deps;
    this.settingsKey = JSON.stringify(deps.settings());
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.deps.tickMs ?? 30_000);
    this.timer.unref();
    if (this.deps.settings()) void this.run('start');
  }

  resume(): void {
    if (this.deps.settings()) void this.run('resume');
  }

  /** Syncs now, or shares the sync already running. */
  run(trigger: SyncTrigger): Promise<SyncResult> {
    if (!this.running) {
      this.running = this.runOnce(trigger).finally(() => { this.running = null; this.emit(); });
      this.emit();
    }
    return this.running;
  }

  /** Resolves once no sync is running (shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  status(): SyncStatus {
    const settings = this.deps.settings();
    const last = this.deps.store.syncs.lastRun();
    const lastRun = last ? toSyncResult(last, this.deps.store.syncs.changesOfRun(last.id)) : null;
    const lastSuccessAt = this.deps.store.syncs.lastSuccessAt();
    return {
      configured: settings !== null, provider: settings?.kind ?? null, username: settings?.username ?? null,
      running: this.running !== null, lastRun,
      lastSuccessAt: lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString(),
      nextRunAt: settings && this.nextRunAt !== null ? new Date(this.nextRunAt).toISOString() : null,
      lastError: lastRun && !lastRun.ok ? { kind: lastRun.errorKind!, message: lastRun.error ?? '', at: lastRun.at } : null,
      failures: this.deps.store.syncs.failuresInARow(),
      intervalMinutes: settings?.intervalMinutes ?? null,
    };
  }

  private tick(): void {
    const key = JSON.stringify(this.deps.settings());
    if (key !== this.settingsKey) {
      this.settingsKey = key;
      if (this.deps.settings()) {
        this.deps.logger.info('sync: the provider settings changed; syncing now');
        void this.run('start');
      } else {
        this.nextRunAt = null;
        this.emit();
      }
      return;
    }
    if (this.running || this.nextRunAt === null || this.deps.now() < this.nextRunAt) return;
    void this.run(this.deps.store.syncs.failuresInARow() > 0 ? 'retry' : 'interval');
  }

  private async runOnce(trigger: SyncTrigger): Promise<SyncResult> {
    try {
      const result = await syncOnce(this.deps, trigger);
      this.nextRunAt = this.deps.now() + this.delayAfter(result.ok ? null : result.errorKind);
      return result;
    } catch (error) {
      // Not the provider: the local write failed. Tried again at the next interval.
      this.deps.logger.error(`sync: ${(error as Error).message}`);
      this.nextRunAt = this.deps.now() + this.intervalMs();
      throw error;
    }
  }

  private intervalMs(): number {
    return (this.deps.settings()?.intervalMinutes ?? 60) * MINUTE_MS;
  }

  private delayAfter(failure: SyncFailureKind | null): number {
    const interval = this.intervalMs();
    if (failure === 'network') {
      const failures = Math.max(1, this.deps.store.syncs.failuresInARow());
      return Math.min(interval, (this.deps.backoffMs ?? MINUTE_MS) * 2 ** Math.min(failures - 1, 20));
    }
    if (failure === 'maintenance') return Math.min(interval, this.deps.maintenanceRetryMs ?? 15 * MINUTE_MS);
    return interval;
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.listeners) {
      try { listener(status); } catch { /* a subscriber's own problem */ }
    }
  }
}
