/**
 * The request bodies still arriving, watched as one set (SPEC §11): each is checked against the
 * minimum rate every half second, and bodies that have been arriving below that rate for a while
 * give up their connections first when the table fills up — one at a time to a new connection
 * (ConnectionTable), and enough at each check to keep a reserve of the table free, so slow senders
 * cannot hold every place while legitimate senders and refused requests come and go.
 */
import type { Socket } from 'node:net';
import type { BodyReader } from './body-reader.ts';

/** How often bodies still arriving are checked against the minimum rate. */
const SWEEP_MS = 500;
/** The share of the table slow bodies are not allowed to hold (1/8 of listener.maxConnections). */
const RESERVE_SHARE = 8;
const TOO_SLOW = { status: 408, error: 'request body timeout' } as const;

export interface TableRoom {
  max: () => number;
  used: () => number;
  /** A connection given up: it no longer counts while its 408 goes out. */
  leave: (socket: Socket) => void;
  now: () => number;
}

export class BodiesArriving {
  private readonly readers = new Set<BodyReader>();
  private readonly room: TableRoom;
  private sweep: NodeJS.Timeout | null = null;

  constructor(room: TableRoom) {
    this.room = room;
  }

  add(reader: BodyReader): void {
    this.readers.add(reader);
    if (this.sweep) return;
    this.sweep = setInterval(() => this.check(), SWEEP_MS);
    this.sweep.unref();
  }

  /** The slowest body that may give up its place, answered 408 now; false when there is none. */
  displaceSlowest(): boolean {
    const now = this.room.now();
    let slowest: BodyReader | null = null;
    let slowestRate = Infinity;
    for (const reader of this.readers) {
      const rate = reader.displaceableRate(now);
      if (rate !== null && rate < slowestRate) { slowest = reader; slowestRate = rate; }
    }
    if (slowest) this.giveUp(slowest);
    return slowest !== null;
  }

  /** Ends every body still arriving with `refusal` (shutdown). */
  refuseAll(refusal: { status: number; error: string }): void {
    for (const reader of [...this.readers]) reader.refuse(refusal);
  }

  stop(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
  }

  private check(): void {
    const now = this.room.now();
    for (const reader of [...this.readers]) {
      if (reader.done) this.readers.delete(reader); else reader.checkRate(now);
    }
    if (this.readers.size === 0) return this.stop();
    const reserve = Math.ceil(this.room.max() / RESERVE_SHARE);
    const short = reserve - (this.room.max() - this.room.used());
    if (short <= 0) return;
    for (const reader of this.displaceable(short)) this.giveUp(reader);
  }

  /** Answered 408 now; its connection no longer counts while the answer goes out. */
  private giveUp(reader: BodyReader): void {
    reader.refuse(TOO_SLOW);
    this.room.leave(reader.socket);
  }

  /** Up to `count` bodies that may give up their place, slowest first. */
  private displaceable(count: number): BodyReader[] {
    const now = this.room.now();
    const rated: [BodyReader, number][] = [];
    for (const reader of this.readers) {
      const rate = reader.displaceableRate(now);
      if (rate !== null) rated.push([reader, rate]);
    }
    rated.sort((a, b) => a[1] - b[1]);
    return rated.slice(0, count).map(([reader]) => reader);
  }
}
