/**
 * Giving memory back after a burst of buffered bodies. Freed body buffers go back to the system
 * only when V8 collects the objects that held them, and after a burst (hundreds of senders that
 * stalled just short of their Content-Length, then were refused) nothing else allocates, so
 * nothing triggers that collection: measured, the server's RSS stayed 90 MB up until the next
 * traffic, and fell back within 2 MB after one full collection. So once the body budget has held
 * a burst and drained again, one full collection is asked for, at most every few seconds.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A burst worth a collection: this many bytes held at once since the last one. */
export const BURST_BYTES = 8 * 1024 * 1024;
const SETTLE_MS = 1000;

/** V8's full collection, or null where it cannot be had. */
export function fullCollection(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

export class BurstRelease {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly collect: (() => void) | null;

  constructor(collect: (() => void) | null = fullCollection()) {
    this.collect = collect;
  }

  /** The budget now holds `bytes`. */
  held(bytes: number): void {
    if (bytes > this.peak) this.peak = bytes;
    // Drained after a burst: collect once things have settled (a new burst meanwhile re-arms it).
    if (this.peak >= BURST_BYTES && bytes <= this.peak / 16 && !this.timer && this.collect) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.peak = 0;
        this.collect?.();
      }, SETTLE_MS);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
