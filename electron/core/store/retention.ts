/**
 * Retention (`retention.maxDeliveries`, `retention.maxDays`): deletes the oldest records in small
 * batches, yielding between them, so a large clean-up never stalls ingest or start-up.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../logger.ts';

export interface RetentionLimits {
  maxDeliveries: number;
  maxDays: number;
}

const BATCH = 2000;
const DAY_MS = 86_400_000;

/** Deletes at most one batch; returns how many rows went. */
export function pruneBatchSync(db: DatabaseSync, limits: RetentionLimits, now: number): number {
  const cutoffRow = db.prepare('SELECT id FROM deliveries ORDER BY id DESC LIMIT 1 OFFSET ?')
    .get(limits.maxDeliveries) as { id: number } | undefined;
  const byCount = cutoffRow?.id ?? 0;
  const oldest = now - limits.maxDays * DAY_MS;
  const result = db.prepare(`DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries
    WHERE id <= ? OR received_at < ? ORDER BY id LIMIT ?)`).run(byCount, oldest, BATCH);
  return Number(result.changes);
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private readonly db: DatabaseSync;
  private readonly limits: () => RetentionLimits;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(db: DatabaseSync, limits: () => RetentionLimits, now: () => number, logger: Logger) {
    this.db = db;
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
        const deleted = pruneBatchSync(this.db, this.limits(), this.now());
        total += deleted;
        if (deleted < BATCH) break;
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
