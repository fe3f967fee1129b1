/**
 * Worker thread: copies committed WAL frames into the database file (a PASSIVE checkpoint) every
 * CHECKPOINT_EVERY_MS on its own connection (while there are writes: checkpointer.ts), so the connection that answers deliveries does not stall for that copy and its
 * two fsyncs in the middle of answering deliveries. A passive checkpoint never blocks the writer.
 *
 * The WAL starts over from its beginning only once a checkpoint has copied every frame in it
 * while no new one was added, which a concurrent checkpointer never sees under sustained writes.
 * So once the WAL is WAL_RESTART_FRAMES long, this thread catches up (checkpoints back to back
 * until one had only a few new frames to copy) and then raises WAL_RESTART: the main thread copies that
 * small rest itself between two commits, and its next transaction starts the WAL over. Left to
 * SQLite's auto-checkpoint inside a COMMIT, that last step found up to 50 ms of frames behind and
 * stalled commits for 15–40 ms (docs/decisions.md).
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { checkpointTick, CHECKPOINT_EVERY_MS, WAL_RESTART, type Checkpointed } from './checkpoints.ts';

const { file, signals, restartFrames } = workerData as { file: string; signals: Int32Array; restartFrames: number };
const db = new DatabaseSync(file, { timeout: 5000 });
db.exec('PRAGMA synchronous = NORMAL');
const statement = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const checkpoint = () => statement.get() as Checkpointed;

const timer = setInterval(() => {
  try {
    if (checkpointTick(checkpoint, restartFrames)) Atomics.store(signals, WAL_RESTART, 1);
  } catch {
    // Busy or locked this time (another checkpoint running): the next tick tries again.
  }
}, CHECKPOINT_EVERY_MS);

parentPort!.on('message', (message: 'close') => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
