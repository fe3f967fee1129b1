/** Who checkpoints the WAL when (see checkpointer.ts and store-checkpoint-worker.ts). */

/** The flag the checkpointer thread and the main thread share (an Int32Array over a SharedArrayBuffer). */
export const WAL_RESTART = 0;

export function newCheckpointSignals(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** How often the checkpointer thread copies committed frames into the database file. */
export const CHECKPOINT_EVERY_MS = 50;

/**
 * Frames (of 4 KiB pages) after which the WAL should start over from its beginning: 2,048 keep it
 * near 8 MiB. The checkpointer then catches up with the writer and asks it for the last step
 * (store-checkpoint-worker.ts).
 */
export const WAL_RESTART_FRAMES = 2048;

/** The catch-up: checkpoints back to back until one copied at most this many new frames (or after MAX_CATCH_UP_ROUNDS). */
export const CATCH_UP_GAP_FRAMES = 256;
export const MAX_CATCH_UP_ROUNDS = 5;

/** SQLite's answer to a checkpoint: busy 1 if another one was running; frames in the WAL; frames copied into the database. */
export type Checkpointed = { busy: number; log: number; checkpointed: number };

/**
 * One tick of the checkpointer: a checkpoint, and once the WAL is `restartFrames` long, the
 * catch-up. Each round copies what the writer added during the round before, so it gets shorter
 * each time. Returns true when the writer should take the last step (WAL_RESTART).
 */
export function checkpointTick(checkpoint: () => Checkpointed, restartFrames: number): boolean {
  let done = checkpoint();
  if (done.busy !== 0 || done.log < restartFrames) return false;
  for (let round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
    const before = done.log;
    done = checkpoint();
    if (done.busy !== 0 || done.log - before <= CATCH_UP_GAP_FRAMES) break;
  }
  return true;
}

/**
 * The main connection's own auto-checkpoint, a backstop should the checkpointer fall behind: 16,384 pages
 * keep the WAL under ~64 MiB.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 16_384;

/** The main connection's auto-checkpoint when the checkpointer thread has failed: SQLite's default. */
export const SOLE_CHECKPOINT_PAGES = 1000;
