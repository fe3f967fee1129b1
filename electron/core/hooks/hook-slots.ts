/**
 * How many hook processes run at once, across all certificates (`maxConcurrentHooks`): deliveries
 * of one certificate run one at a time already, but a burst for many certificates would otherwise
 * start as many processes as there are certificates. Runs wait their turn in arrival order; a
 * hook's timeout starts when it starts.
 */
export class HookSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly max: () => number;

  constructor(max: () => number) {
    this.max = max;
  }

  /** Hook runs going on now, and waiting for a slot. */
  get counts(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max() || this.waiting.length > 0) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      this.next();
    }
  }

  /** A slot is free: the longest waiting run takes it (the limit may have changed meanwhile). */
  private next(): void {
    this.running--;
    while (this.waiting.length > 0 && this.running < this.max()) {
      this.running++;
      this.waiting.shift()!();
    }
  }
}
