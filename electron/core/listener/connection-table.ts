/**
 * SPEC §11's connection limit. With `listener.maxConnections` open, a new connection is closed at
 * once — unless one of the open ones is a body that has been arriving below the minimum rate for
 * a while (a slow-body sender holding its place, which would get its 408 at the end of its grace
 * anyway): that one is answered 408 now and the new connection takes its place. So hundreds of
 * slow bodies cannot keep a legitimate sender out; plain idle connections and bodies arriving at
 * a fair rate are never displaced. A connection already answered and being closed (a refused
 * request, torn down within a second) stops counting too, up to as many again as the limit.
 */
import type { Socket } from 'node:net';

export interface ConnectionTableDeps {
  max: () => number;
  /** Ends the slowest body below the minimum rate (its socket is then passed to leave()); false when there is none. */
  evictSlowest: () => boolean;
  /** A connection was closed at once (the table is full). */
  onDrop: () => void;
}

export class ConnectionTable {
  private readonly deps: ConnectionTableDeps;
  private open = 0;
  /** Connections answered and being closed (displaced, or refused): no longer counted. */
  private readonly leaving = new Set<Socket>();

  constructor(deps: ConnectionTableDeps) {
    this.deps = deps;
  }

  get size(): number {
    return this.open - this.leaving.size;
  }

  /** A new connection: kept (counted until it closes), or destroyed at once when there is no room. */
  admit(socket: Socket): void {
    if (this.size >= this.deps.max() && !this.deps.evictSlowest()) {
      socket.destroy();
      this.deps.onDrop();
      return;
    }
    this.open++;
    socket.once('close', () => {
      this.open--;
      this.leaving.delete(socket);
    });
  }

  /** `socket` has had its last answer and is closing: its place is free (at most `max` such at once). */
  leave(socket: Socket): void {
    if (!socket.destroyed && this.leaving.size < this.deps.max()) this.leaving.add(socket);
  }
}
