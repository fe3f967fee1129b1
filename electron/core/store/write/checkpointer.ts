/**
 * Copying the WAL into the database file off this thread. A PASSIVE checkpoint (the copy and its
 * two fsyncs) on the connection that answers deliveries would stall them; so a worker thread
 * (store-checkpoint-worker.ts) does it every CHECKPOINT_EVERY_MS on its own connection, and hands
 * the WAL's restart back here: once it has caught up with a long WAL it raises WAL_RESTART, and the
 * next commit's end copies the few frames left on this connection, so the next transaction starts
 * the WAL over (docs/decisions.md, *Store*).
 *
 * The thread costs ~20–35 MB, so it runs only under sustained writes: started once BUSY_COMMITS
 * commits came within a second, it ends after IDLE_MS without one (its last checkpoints have
 * copied everything by then). Without it — a delivery now and then, a retention batch — SQLite's
 * own auto-checkpoint inside COMMIT (every 1,000 pages) keeps the WAL small, which costs those
 * few commits nothing anyone waits for.
 */
import { Worker } from 'node:worker_threads';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { newCheckpointSignals, SOLE_CHECKPOINT_PAGES, WAL_RESTART, WAL_RESTART_FRAMES, WRITER_AUTOCHECKPOINT_PAGES } from './checkpoints.ts';
import { workerUrl } from '../worker-url.ts';

/** No commit for this long: the checkpointer thread ends (60 of its 50 ms ticks; its ~10 MB are back before an idle GC). */
export const IDLE_MS = 3_000;
/** Commits within one second that start the thread. */
export const BUSY_COMMITS = 20;

export interface CheckpointerOptions {
  /** WAL length (frames) at which the WAL starts over; WAL_RESTART_FRAMES unless a test needs it short. */
  restartFrames?: number;
  idleMs?: number;
  /** Commits within a second that start the thread (BUSY_COMMITS). */
  busyCommits?: number;
}

export class Checkpointer {
  private readonly file: string;
  private readonly db: DatabaseSync;
  private readonly options: CheckpointerOptions;
  private readonly signals = newCheckpointSignals();
  private readonly checkpoint: StatementSync;
  private thread: Worker | null = null;
  private lastCommitAt = 0;
  /** Commits since windowStart (a one-second window). */
  private recent = 0;
  private windowStart = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private failed = false;

  constructor(db: DatabaseSync, file: string, options: CheckpointerOptions = {}) {
    this.db = db;
    this.file = file;
    this.options = options;
    this.checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
    db.exec(`PRAGMA wal_autocheckpoint = ${SOLE_CHECKPOINT_PAGES}`);
  }

  /** Whether the thread is running (tests). */
  get running(): boolean {
    return this.thread !== null;
  }

  /** Right after a COMMIT on `db`, before the next transaction. */
  afterCommit(): void {
    const now = performance.now();
    this.lastCommitAt = now;
    if (this.thread) {
      if (Atomics.exchange(this.signals, WAL_RESTART, 0) === 1) this.letWalRestart();
      return;
    }
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.recent = 0;
    }
    if (++this.recent >= (this.options.busyCommits ?? BUSY_COMMITS) && !this.failed) this.start();
  }

  /** Ends the thread; its connection closes after the checkpoint it is in. */
  async stop(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
    const thread = this.thread;
    this.thread = null;
    if (!thread) return;
    this.db.exec(`PRAGMA wal_autocheckpoint = ${SOLE_CHECKPOINT_PAGES}`);
    const ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.postMessage('close');
    await ended;
  }

  private start(): void {
    const thread = new Worker(workerUrl('store-checkpoint-worker', import.meta.url), {
      workerData: { file: this.file, signals: this.signals, restartFrames: this.options.restartFrames ?? WAL_RESTART_FRAMES },
    });
    this.thread = thread;
    // The thread copies; SQLite's own inside COMMIT is only a backstop now.
    this.db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
    thread.on('error', () => {
      // Without it SQLite's own auto-checkpoint keeps the WAL bounded, in smaller steps.
      this.failed = true;
      this.db.exec(`PRAGMA wal_autocheckpoint = ${SOLE_CHECKPOINT_PAGES}`);
    });
    thread.on('exit', () => { if (this.thread === thread) this.thread = null; });
    const idleMs = this.options.idleMs ?? IDLE_MS;
    this.idleTimer ??= setInterval(() => {
      if (performance.now() - this.lastCommitAt >= idleMs) void this.stop();
    }, Math.max(100, idleMs / 4));
    this.idleTimer.unref();
  }

  /** The checkpointer has caught up with a long WAL: copy the last few frames here, between two commits. */
  private letWalRestart(): void {
    try {
      this.checkpoint.get();
    } catch {
      // The WAL stays as it is (a checkpoint that fails loses nothing); the checkpointer asks again.
    }
  }
}
