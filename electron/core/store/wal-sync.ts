/**
 * Durability of group commits without blocking the writer: the write connection commits with
 * `synchronous = NORMAL` (WAL frames written, not yet fsynced), then one `fdatasync` of the WAL
 * file on libuv's thread pool covers every commit written before it started. While it runs, the
 * writer keeps committing; those commits wait for the next fdatasync. A commit's waiters are
 * released only once an fdatasync that started after the commit returned has completed — the
 * same guarantee as `synchronous = FULL`, with the fsync off the writer's critical path.
 *
 * Checkpoints stay SQLite's own: in NORMAL mode it syncs the WAL before copying frames into the
 * database and syncs the database before the WAL may be reused, so a frame this class has not
 * synced yet is either still in the WAL or already durable in the database file.
 */
import { closeSync, fdatasync as nodeFdatasync, openSync } from 'node:fs';

type Waiter = (error: Error | null) => void;

export interface WalSyncIo {
  open(file: string): number;
  fdatasync(fd: number, done: (error: NodeJS.ErrnoException | null) => void): void;
  close(fd: number): void;
}

const nodeIo: WalSyncIo = { open: (file) => openSync(file, 'r'), fdatasync: nodeFdatasync, close: closeSync };

export class WalSync {
  private readonly walFile: string;
  private fd: number | undefined;
  private waiting: Waiter[] = [];
  private syncing = false;
  private idle: (() => void)[] = [];
  private readonly io: WalSyncIo;

  constructor(databaseFile: string, io: WalSyncIo = nodeIo) {
    this.walFile = `${databaseFile}-wal`;
    this.io = io;
  }

  /** Called right after a COMMIT returned: `done` runs once that commit is on disk (or with the error). */
  afterCommit(done: Waiter): void {
    this.waiting.push(done);
    if (!this.syncing) this.start();
  }

  /** Resolves when no fdatasync is pending (before closing the database). */
  drained(): Promise<void> {
    if (!this.syncing && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  close(): void {
    if (this.fd !== undefined) this.io.close(this.fd);
    this.fd = undefined;
  }

  private start(): void {
    const covered = this.waiting;
    this.waiting = [];
    let fd: number;
    try {
      // Opened after the first commit: by then the WAL file exists, and it is never deleted
      // while this connection is open (SQLite reuses it from the start after a checkpoint).
      fd = this.fd ??= this.io.open(this.walFile);
    } catch (error) {
      for (const done of covered) done(error as Error);
      return;
    }
    this.syncing = true;
    this.io.fdatasync(fd, (error) => {
      this.syncing = false;
      for (const done of covered) done(error ? new Error(`fdatasync of the WAL failed: ${error.message}`) : null);
      if (this.waiting.length > 0) this.start();
      else for (const wake of this.idle.splice(0)) wake();
    });
  }
}
