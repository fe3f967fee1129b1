/**
 * The counters the main thread and the store's writer share (an Int32Array over a
 * SharedArrayBuffer). The writer sleeps in `Atomics.wait` on POSTED and is woken by
 * `Atomics.notify`, so a request goes from the main thread to the writer without a trip through
 * either event loop; REPLIED lets the main thread take the writer's replies between two requests
 * instead of waiting for its event loop to come round to them. The checkpointer thread shares
 * WAL_RESTART with the writer.
 */

/** How often the main thread has signalled the writer that there is more to take. */
export const POSTED = 0;
/** 1 while the writer waits (the main thread then signals at once, not at the end of its turn). */
export const WRITER_IDLE = 1;
/** Reply messages the writer has posted to the main thread. */
export const REPLIED = 2;
/** Bytes the main thread has written into the ring, and bytes the writer is done with (writer-ring.ts). */
export const RING_WRITTEN = 3;
export const RING_READ = 4;
/** 1 when the checkpointer has caught up with a long WAL: the writer's next checkpoint lets it start over. */
export const WAL_RESTART = 5;

export function newSignals(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(6 * Int32Array.BYTES_PER_ELEMENT));
}
