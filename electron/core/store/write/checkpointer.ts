/**
 * Copying the WAL into the database file off this thread. A PASSIVE checkpoint (the copy and its
 * two fsyncs) on the connection that answers deliveries would stall them; so a worker thread
 * (store-checkpoint-worker.ts) does it every CHECKPOINT_EVERY_MS on its own connection, and hands
 * the WAL's restart back here: once it has caught up with a long WAL it raises WAL_RESTART, and the
 * next commit's end copies the few frames left on this connection, so the next transaction starts
 * the WAL over (docs/decisions.md, *Store*).
 *
 * The thread costs ~20 MB, so it runs only while there are writes: started by the first commit,
 * it ends after IDLE_MS without one (its last checkpoints have copied everything by then), and
 * the next commit starts it again. Without it, SQLite's own auto-checkpoint still bounds the WAL.
 */
import { Worker } from 'node:worker_threads';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { newCheckpointSignals, SOLE_CHECKPOINT_PAGES, WAL_RESTART, WAL_RESTART_FRAMES, WRITER_AUTOCHECKPOINT_PAGES } from './checkpoints.ts';
import { workerUrl } from '../worker-url.ts';

/** No commit for this long: the checkpointer thread ends. */
export const IDLE_MS = 10_000;

export interface CheckpointerOptions {
  /** WAL length (frames) at which the WAL starts over; WAL_RESTART_FRAMES unless a test needs it short. */
  restartFrames?: number;
  idleMs?: number;
}

export class Checkpointer {
  private readonly file: string;
  private readonly db: DatabaseSync;
  private readonly options: CheckpointerOptions;
  private readonly signals = newCheckpointSignals();
  private readonly checkpoint: StatementSync;
  private thread: Worker | null = null;
  private lastCommitAt = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private failed = false;

  constructor(db: DatabaseSync, file: string, options: CheckpointerOptions = {}) {
    this.db = db;
    this.file = file;
    this.options = options;
    this.checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
    db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
  }

  /** Whether the thread is running (tests). */
  get running(): boolean {
    return this.thread !== null;
  }

  /** Right after a COMMIT on `db`, before the next transaction. */
  afterCommit(): void {
    this.lastCommitAt = performance.now();
    if (!this.thread && !this.failed) this.start();
    if (Atomics.exchange(this.signals, WAL_RESTART, 0) === 1) this.letWalRestart();
  }

  /** Ends the thread; its connection closes after the checkpoint it is in. */
  async stop(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
    const thread = this.thread;
    this.thread = null;
    if (!thread) return;
    const ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.postMessage('close');
    await ended;
  }

  private start(): void {
    const thread = new Worker(workerUrl('store-checkpoint-worker', import.meta.url), {
      workerData: { file: this.file, signals: this.signals, restartFrames: this.options.restartFrames ?? WAL_RESTART_FRAMES },
    });
    this.thread = thread;
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
