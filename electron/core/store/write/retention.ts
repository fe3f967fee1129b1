/**
 * Retention (`retention.maxDeliveries`, `retention.maxDays`): deletes the oldest records in small
 * batches, yielding between them, so a large clean-up never stalls ingest or start-up.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../../logger.ts';
import { DAY_MS } from '../../../../shared/time/day.ts';

export interface RetentionLimits {
  maxDeliveries: number;
  maxDays: number;
}

const BATCH = 2000;

/**
 * Deletes at most one batch per rule; returns how many rows went. Both deletes walk an index
 * (the rowid, `deliveries_by_received_at`): no scan, no OFFSET walk, even on millions of rows.
 * Ids only grow, so "keep the newest N" is "delete ids at or below MAX(id) - N".
 */
export function pruneBatchSync(db: DatabaseSync, limits: RetentionLimits, now: number): number {
  const newest = (db.prepare('SELECT MAX(id) AS id FROM deliveries').get() as { id: number | null }).id ?? 0;
  const byCount = db.prepare(`DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries
    WHERE id <= ? ORDER BY id LIMIT ?)`).run(newest - limits.maxDeliveries, BATCH);
  const byAge = db.prepare(`DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries
    WHERE received_at < ? ORDER BY received_at LIMIT ?)`).run(now - limits.maxDays * DAY_MS, BATCH);
  return Number(byCount.changes) + Number(byAge.changes);
}

/** What the job prunes through: the store, whose writer owns the write connection. */
export interface Prunable {
  prune(limits: RetentionLimits, now: number): Promise<number>;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private readonly target: Prunable;
  private readonly limits: () => RetentionLimits;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(target: Prunable, limits: () => RetentionLimits, now: () => number, logger: Logger) {
    this.target = target;
    this.limits = limits;
    this.now = now;
    this.logger = logger;
  }

  /** First pass shortly after start, then every `everyMs`. */
  start(firstDelayMs = 2000, everyMs = 10 * 60_000): void {
    const tick = (delay: number) => {
      this.timer = setTimeout(() => { void this.runAll().then(() => { if (!this.stopped) tick(everyMs); }); }, delay);
      this.timer.unref();
    };
    tick(firstDelayMs);
  }

  /** Prunes until within limits, one batch per event-loop turn. */
  async runAll(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let total = 0;
    try {
      for (;;) {
        if (this.stopped) break;
        const deleted = await this.target.prune(this.limits(), this.now());
        total += deleted;
        if (deleted === 0) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.logger.error(`retention: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    if (total > 0) this.logger.info(`retention: removed ${total} old deliveries`);
    return total;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
