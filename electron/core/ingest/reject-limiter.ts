/** Per-address limit on rejected requests: past `max` rejections in a window, answer 429. */

export type LimitVerdict = 'allow' | 'throttle-first' | 'throttle';

interface Window {
  startedAt: number;
  count: number;
}

export class RejectLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly limits: () => { max: number; windowSeconds: number };

  constructor(limits: () => { max: number; windowSeconds: number }) {
    this.limits = limits;
  }

  /** Counts one rejection from `address` and says whether it is over the limit. */
  note(address: string, now: number): LimitVerdict {
    const { max, windowSeconds } = this.limits();
    const windowMs = windowSeconds * 1000;
    let window = this.windows.get(address);
    if (!window || now - window.startedAt >= windowMs) {
      if (this.windows.size > 10_000) this.forgetExpired(now, windowMs);
      window = { startedAt: now, count: 0 };
      this.windows.set(address, window);
    }
    window.count++;
    if (window.count <= max) return 'allow';
    return window.count === max + 1 ? 'throttle-first' : 'throttle';
  }

  /** Whether `address` is already past its budget (the next rejection would be throttled), counting nothing. */
  isOver(address: string, now: number): boolean {
    const window = this.windows.get(address);
    return window !== undefined && now - window.startedAt < this.limits().windowSeconds * 1000 && window.count > this.limits().max;
  }

  /** Seconds until `address` may be rejected normally again. */
  retryAfterSeconds(address: string, now: number): number {
    const window = this.windows.get(address);
    if (!window) return 0;
    return Math.max(1, Math.ceil((window.startedAt + this.limits().windowSeconds * 1000 - now) / 1000));
  }

  private forgetExpired(now: number, windowMs: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= windowMs) this.windows.delete(address);
    }
  }
}
