/**
 * SPEC §11: one budget for the request bodies all connections are buffering at once, so hundreds
 * of senders that each stop just short of their Content-Length cannot take the memory.
 */
export class BodyBudget {
  private used = 0;
  private readonly max: () => number;

  constructor(max: () => number) {
    this.max = max;
  }

  get bytes(): number {
    return this.used;
  }

  /** Takes `bytes` if they fit in what is left; false (taking nothing) when they do not. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.max()) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    if (bytes === 0) return;
    this.used = Math.max(0, this.used - bytes);
  }
}
