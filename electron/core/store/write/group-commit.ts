/**
 * Group commit: writes submitted in the same event-loop turn share one transaction and one
 * fsync. Each promise resolves only after COMMIT returned, i.e. once the write is durable.
 */
import type { DatabaseSync } from 'node:sqlite';

export class GroupCommit<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private readonly db: DatabaseSync;
  private readonly apply: (item: T) => R;

  constructor(db: DatabaseSync, apply: (item: T) => R) {
    this.db = db;
    this.apply = apply;
  }

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs any pending writes now (used on shutdown). */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let results: R[];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        results = batch.map((entry) => this.apply(entry.item));
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, i) => entry.resolve(results[i]));
  }
}
