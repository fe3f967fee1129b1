/**
 * Reading one request body within the limits of SPEC §3 and §11: its size, its deadline, a
 * minimum rate after a grace, and a share of the budget all bodies being buffered draw from.
 * Small chunks are copied together, so a sender trickling a byte at a time costs the bytes it
 * sent, not an object per byte.
 */
import type { IncomingMessage } from 'node:http';
import type { BodyBudget } from './body-budget.ts';

export interface BodyLimits {
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  minBodyBytesPerSecond: number;
}

/** How a body read ended early: the answer's status and error, and whether it says "retry later". */
export interface BodyRefusal {
  status: number;
  error: string;
  retryAfterSeconds?: number;
}

/** A body slower than the minimum rate is refused only after this much time. */
export const MIN_RATE_GRACE_MS = 5000;
/** A body below the minimum rate for this long may give its connection up to a new one when the table is full. */
export const DISPLACEABLE_AFTER_MS = 1000;
const COALESCE_BYTES = 16 * 1024;

export interface BodyReaderEvents {
  /** The whole body; `release` gives its bytes back to the budget once the caller is done with them. */
  onBody(body: Buffer, release: () => void): void;
  /** Reading stopped; `bodySize` is what had arrived (or was declared, for a 413 up front). */
  onRefused(bodySize: number, refusal: BodyRefusal): void;
}

export class BodyReader {
  private readonly req: IncomingMessage;
  private readonly limits: BodyLimits;
  private readonly budget: BodyBudget;
  private readonly events: BodyReaderEvents;
  private readonly startedAt: number;
  private readonly declared: number;
  private readonly deadline: NodeJS.Timeout;
  private readonly parts: Buffer[] = [];
  private scratch: Buffer | null = null;
  private scratchUsed = 0;
  private received = 0;
  private held = 0;
  private finished = false;

  constructor(req: IncomingMessage, limits: BodyLimits, budget: BodyBudget, now: number, events: BodyReaderEvents) {
    this.req = req;
    this.limits = limits;
    this.budget = budget;
    this.events = events;
    this.startedAt = now;
    this.declared = Number(req.headers['content-length'] ?? NaN);
    this.deadline = setTimeout(() => this.refuse({ status: 408, error: 'request body timeout' }), limits.bodyTimeoutMs);
    if (this.declared > limits.maxBodyBytes) {
      this.refuse({ status: 413, error: this.tooLarge() }, this.declared);
      return;
    }
    req.on('data', (chunk: Buffer) => this.onChunk(chunk));
    req.on('end', () => this.onEnd());
    req.on('error', () => this.stop());
    req.on('close', () => { if (!this.finished) this.stop(); });
  }

  get done(): boolean {
    return this.finished;
  }

  /** Still waiting for bytes of this body (the parser has not seen its end). */
  get arriving(): boolean {
    return !this.finished && !this.req.complete;
  }

  /**
   * The rate (bytes/s) of a body that has been arriving below the minimum rate for at least
   * DISPLACEABLE_AFTER_MS, or null: such a body may be refused early to make room for a new connection.
   */
  displaceableRate(now: number): number | null {
    return this.rateBelowMinimum(now, DISPLACEABLE_AFTER_MS);
  }

  /** The socket this body arrives on. */
  get socket(): IncomingMessage['socket'] {
    return this.req.socket;
  }

  /** Refuses a body still arriving too slowly for the minimum rate (called by the listener's sweep). */
  checkRate(now: number): void {
    if (this.rateBelowMinimum(now, MIN_RATE_GRACE_MS) !== null) this.refuse({ status: 408, error: 'request body timeout' });
  }

  /** The body's average rate (bytes/s) when it is still arriving after `afterMs` and below the minimum, else null. */
  private rateBelowMinimum(now: number, afterMs: number): number | null {
    const elapsed = now - this.startedAt;
    const min = this.limits.minBodyBytesPerSecond;
    if (!this.arriving || min <= 0 || elapsed < afterMs) return null;
    const rate = (this.received * 1000) / elapsed;
    return rate < min ? rate : null;
  }

  /** Stops reading and answers with `refusal` (shutdown, a malformed body the parser gave up on). */
  refuse(refusal: BodyRefusal, bodySize = this.received): void {
    if (this.finished) return;
    this.stop();
    this.req.removeAllListeners('data');
    this.events.onRefused(bodySize, refusal);
  }

  private onChunk(chunk: Buffer): void {
    if (this.finished) return;
    this.received += chunk.length;
    if (this.received > this.limits.maxBodyBytes) return this.refuse({ status: 413, error: this.tooLarge() });
    if (!this.budget.take(chunk.length)) {
      return this.refuse({ status: 503, error: 'server busy', retryAfterSeconds: 5 });
    }
    this.held += chunk.length;
    this.keep(chunk);
  }

  private keep(chunk: Buffer): void {
    // The common case: the whole body in one chunk, kept as it came.
    if (this.parts.length === 0 && this.scratch === null && chunk.length === this.declared) {
      this.parts.push(chunk);
      return;
    }
    if (chunk.length >= COALESCE_BYTES) {
      this.flushScratch();
      this.parts.push(chunk);
      return;
    }
    if (this.scratch && this.scratchUsed + chunk.length > this.scratch.length) this.flushScratch();
    if (!this.scratch) {
      const left = Number.isFinite(this.declared) ? this.declared - (this.received - chunk.length) : COALESCE_BYTES;
      this.scratch = Buffer.allocUnsafeSlow(Math.max(chunk.length, Math.min(COALESCE_BYTES, left)));
      this.scratchUsed = 0;
    }
    this.scratchUsed += chunk.copy(this.scratch, this.scratchUsed);
  }

  private flushScratch(): void {
    if (this.scratch && this.scratchUsed > 0) this.parts.push(this.scratch.subarray(0, this.scratchUsed));
    this.scratch = null;
    this.scratchUsed = 0;
  }

  private onEnd(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.deadline);
    this.flushScratch();
    const body = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.received);
    this.parts.length = 0;
    const held = this.held;
    this.held = 0;
    let released = false;
    this.events.onBody(body, () => {
      if (!released) this.budget.release(held);
      released = true;
    });
  }

  /** Stops reading and gives back what this body held. */
  private stop(): void {
    this.finished = true;
    clearTimeout(this.deadline);
    this.parts.length = 0;
    this.scratch = null;
    this.budget.release(this.held);
    this.held = 0;
  }

  private tooLarge(): string {
    return `body too large (limit ${this.limits.maxBodyBytes} bytes)`;
  }
}
