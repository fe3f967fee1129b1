/**
 * Worker thread: copies committed WAL frames into the database file (a PASSIVE checkpoint) every
 * CHECKPOINT_EVERY_MS on its own connection, so the writer does not stall for that copy and its
 * two fsyncs in the middle of answering deliveries. A passive checkpoint never blocks the writer.
 *
 * Under sustained writes the WAL can only start over once every frame in it was copied while no
 * new one was added, which a concurrent checkpointer rarely sees; so the writer keeps SQLite's
 * own auto-checkpoint with a high threshold (checkpoints.ts): by then almost
 * everything is copied, the writer's checkpoint is a short catch-up, and the WAL is reused.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { CHECKPOINT_EVERY_MS } from './checkpoints.ts';

const db = new DatabaseSync((workerData as { file: string }).file, { timeout: 5000 });
db.exec('PRAGMA synchronous = NORMAL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
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
