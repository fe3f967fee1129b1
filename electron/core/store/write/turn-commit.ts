/**
 * The store's one write path: every write goes into the open transaction on the store's one
 * connection, at once — so whatever reads the store next, in this turn or later, sees it — and
 * that transaction is committed when the event-loop turn ends (`setImmediate`), or, while the last
 * commit's fdatasync is still running, as soon as it is done. A write's promise settles once its
 * commit is durable.
 *
 * Durability: with `walFile`, the connection commits with `synchronous = NORMAL` (WAL frames
 * written, not yet on disk) and one `fdatasync` of the WAL file, on libuv's thread pool, makes
 * every commit before it durable: the guarantee of `synchronous = FULL` without blocking this
 * thread. Writes made while an fdatasync runs would wait for the next one anyway, so they gather
 * in one transaction until it is done (group commit): a commit rewrites the pages it touched
 * (index leaves, the tables' last pages) once however many deliveries it holds, so bigger commits
 * write far fewer WAL frames per delivery.
 * Without `walFile` (CLI, tests, `:memory:`) SQLite syncs inside COMMIT (`synchronous = FULL`).
 *
 * Each write runs inside a SAVEPOINT: one that throws is undone alone and rejects alone; a COMMIT
 * or fdatasync that fails rejects every write it carried (none of them was answered yet).
 */
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { certificateCache } from '../certificate-cache.ts';

export interface WalIo {
  open(file: string): number;
  fdatasync(fd: number, done: (error: Error | null) => void): void;
  fdatasyncSync(fd: number): void;
  close(fd: number): void;
}

const nodeIo: WalIo = { open: (file) => openSync(file, 'r'), fdatasync, fdatasyncSync, close: closeSync };

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface TurnCommitOptions {
  /** The database's WAL file, synced by this class; without it SQLite syncs in each COMMIT. */
  walFile?: string;
  io?: WalIo;
  /** After each COMMIT (the checkpointer's hand-off, checkpointer.ts). */
  afterCommit?: () => void;
}

export class TurnCommit {
  private readonly db: DatabaseSync;
  private readonly options: TurnCommitOptions;
  private readonly io: WalIo;
  private readonly savepoint: StatementSync;
  private readonly release: StatementSync;
  private readonly undo: StatementSync;
  /** Writes in the open transaction. */
  private inTurn: Waiter[] = [];
  private open = false;
  /** Committed, waiting for the next fdatasync. */
  private committed: Waiter[] = [];
  private syncing = false;
  private fd: number | undefined;

  constructor(db: DatabaseSync, options: TurnCommitOptions = {}) {
    this.db = db;
    this.options = options;
    this.io = options.io ?? nodeIo;
    if (options.walFile) db.exec('PRAGMA synchronous = NORMAL');
    this.savepoint = db.prepare('SAVEPOINT write');
    this.release = db.prepare('RELEASE write');
    this.undo = db.prepare('ROLLBACK TO write');
  }

  /** Runs `work` now, in this turn's transaction; resolves with its value once that is durable. */
  write<T>(work: () => T): Promise<T> {
    if (!this.open) this.begin();
    this.savepoint.run();
    let value: T;
    try {
      value = work();
    } catch (error) {
      this.undo.run();
      this.release.run();
      certificateCache(this.db).clear();
      return Promise.reject(error as Error);
    }
    this.release.run();
    return new Promise<T>((resolve, reject) => { this.inTurn.push({ resolve: () => resolve(value), reject }); });
  }

  /** Commits the open transaction now and waits for its fdatasync on this thread (shutdown, CLI). */
  flushSync(): void {
    this.commitTurn();
    if (this.committed.length === 0 || this.syncing) return;
    const batch = this.takeCommitted();
    try {
      this.syncFd(this.io.fdatasyncSync);
    } catch (error) {
      for (const w of batch) w.reject(syncError(error));
      return;
    }
    for (const w of batch) w.resolve();
  }

  /** Commits what is open and waits until every commit so far is durable. */
  async drain(): Promise<void> {
    this.commitTurn();
    while (this.syncing || this.committed.length > 0) {
      await new Promise<void>((resolve) => {
        this.committed.push({ resolve, reject: () => resolve() });
        if (!this.syncing) this.startSync();
      });
    }
  }

  /** Makes everything written durable, then lets go of the WAL file. */
  async close(): Promise<void> {
    await this.drain();
    if (this.fd !== undefined) this.io.close(this.fd);
    this.fd = undefined;
  }

  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
    setImmediate(() => this.commitTurn(false));
  }

  /** At the turn's end; `now` also while an fdatasync runs (flushSync). */
  private commitTurn(now = true): void {
    if (!this.open) return;
    // The commit waits for the running fdatasync, gathering what comes meanwhile.
    if (!now && this.syncing) return;
    this.open = false;
    const batch = this.inTurn;
    this.inTurn = [];
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      certificateCache(this.db).clear();
      for (const w of batch) w.reject(error as Error);
      return;
    }
    this.options.afterCommit?.();
    if (!this.options.walFile) {
      for (const w of batch) w.resolve();
      return;
    }
    for (const w of batch) this.committed.push(w);
    if (!this.syncing) this.startSync();
  }

  private startSync(): void {
    const batch = this.takeCommitted();
    if (!this.options.walFile) {
      for (const w of batch) w.resolve();
      return;
    }
    this.syncing = true;
    const done = (error: Error | null) => {
      this.syncing = false;
      for (const w of batch) if (error) w.reject(syncError(error)); else w.resolve();
      if (this.open) this.commitTurn();
      else if (this.committed.length > 0) this.startSync();
    };
    try {
      this.syncFd((fd) => this.io.fdatasync(fd, done));
    } catch (error) {
      done(error as Error);
    }
  }

  private takeCommitted(): Waiter[] {
    const batch = this.committed;
    this.committed = [];
    return batch;
  }

  private syncFd(sync: (fd: number) => void): void {
    if (!this.options.walFile) return;
    // Opened after the first commit: by then the WAL exists, and SQLite never deletes it while
    // this connection is open (it reuses it from the start after a checkpoint).
    this.fd ??= this.io.open(this.options.walFile);
    sync(this.fd);
  }
}

function syncError(error: unknown): Error {
  return new Error(`fdatasync of the WAL failed: ${(error as Error).message}`, { cause: error });
}
