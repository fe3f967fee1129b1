/**
 * The shared byte ring from the main thread (one producer) to the store's writer (one
 * consumer). The main thread writes each request's record (writer-wire.ts) as it is made and
 * moves WRITTEN on when it signals the writer; the writer decodes everything up to WRITTEN and
 * moves READ on once it has committed those requests (a body is bound to the insert straight
 * from the ring, so its bytes must stay until then). Both counters run freely as int32 and wrap;
 * positions are taken modulo the power-of-two capacity.
 */
import { decode, encode, prepare, type WireRequest } from './writer-wire.ts';
import type { WriterRequest } from './writer-protocol.ts';
import { RING_READ, RING_WRITTEN } from './writer-signals.ts';

/** 4 MiB: about 1,500 deliveries of 1 KB or 400 of 7 KB before the main thread overflows to a message. */
export const RING_BYTES = 4 * 1024 * 1024;

/** Either end's view of the ring and the shared counters. */
abstract class RingEnd {
  protected readonly buf: Buffer;
  protected readonly signals: Int32Array;

  constructor(ring: SharedArrayBuffer, signals: Int32Array) {
    this.buf = Buffer.from(ring);
    this.signals = signals;
  }
}

export class RingProducer extends RingEnd {
  private written = 0;

  /** Writes the request's record; false if the ring has no room for it now. */
  tryWrite(request: WriterRequest): boolean {
    const prepared = prepare(request);
    const capacity = this.buf.length;
    const free = capacity - ((this.written - Atomics.load(this.signals, RING_READ)) | 0);
    let at = this.written & (capacity - 1);
    const toEnd = capacity - at;
    // A record never wraps: if it may not fit before the end, a 0 there sends the reader to the start.
    const needed = prepared.maxBytes + 3;
    if (needed > toEnd) {
      if (needed + toEnd > free) return false;
      this.buf.writeUInt32LE(0, at);
      this.written = (this.written + toEnd) | 0;
      at = 0;
    } else if (needed > free) return false;
    this.written = (this.written + encode(this.buf, at, prepared)) | 0;
    return true;
  }

  /**
   * Makes everything written so far visible to the writer. Publishing at chosen moments rather
   * than per record lets a busy writer's next transaction gather a whole event-loop turn.
   */
  publish(): void {
    Atomics.store(this.signals, RING_WRITTEN, this.written);
  }
}

export class RingConsumer extends RingEnd {
  private read = 0;

  /** Appends every request written so far; their bytes stay reserved until `release`. */
  take(into: WireRequest[]): void {
    const written = Atomics.load(this.signals, RING_WRITTEN);
    const capacity = this.buf.length;
    while (this.read !== written) {
      const at = this.read & (capacity - 1);
      const length = this.buf.readUInt32LE(at);
      if (length === 0) {
        this.read = (this.read + capacity - at) | 0;
        continue;
      }
      into.push(decode(this.buf, at));
      this.read = (this.read + length) | 0;
    }
  }

  /** The requests taken so far are committed: their bytes may be written over. */
  release(): void {
    Atomics.store(this.signals, RING_READ, this.read);
  }
}
