/**
 * Keeping memory bounded under hostile traffic, and giving it back afterwards. A flood of
 * connections, slow bodies and 1 MiB bodies makes V8 grow its heap far beyond what is in use
 * (measured: heap 177 MB committed, 59 MB used; RSS 190 → 344 MB) and keep it long after the
 * traffic has gone (+150 MB ten seconds later). So the process's RSS is sampled once a second:
 *
 * - grown by GROWTH_BYTES over its resting level (looked at every GROWTH_PROBE_MS: a flood fills
 *   the heap within a second), V8 is told to favour size over speed
 *   (`--optimize-for-size`: a heap that grows by small steps; measured under the edge bench's
 *   attack, RSS peak 207 MB instead of 344 MB, the legitimate sender's p99 unchanged);
 * - once no connection has arrived for a whole sample period, one collection that also gives free pages back
 *   to the system is run (it pauses the thread for 100–200 ms on such a heap, so never while
 *   anyone is waiting), and V8 goes back to favouring speed.
 *
 * A collection that finds little to free means the memory is really in use: the resting level is
 * raised to it, and the next collection waits longer.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * RSS above the resting level that turns on the size-favouring mode: more than legitimate load at
 * full speed grows it by (the young generation, SQLite's page cache, the checkpointer thread:
 * ~50 MB at 15,000 deliveries/s), so that load keeps V8's fast allocation.
 */
export const GROWTH_BYTES = 80 * 1024 * 1024;
export const CHECK_MS = 1000;
/** How often RSS is looked at for growth alone (a flood fills the heap within a second). */
export const GROWTH_PROBE_MS = 250;
/** No new connection for a whole sample period: a collection keeps nobody waiting. */
export const QUIET_MS = CHECK_MS;
export const MIN_GAP_MS = 4000;
/**
 * After start, the first quiet sample this late runs one collection (idle RSS ~10 MB lower): soon
 * after the ready line, when a supervisor or a bench looks at a fresh serve's memory.
 */
export const SETTLE_MS = 1500;
const MAX_GAP_MS = 60_000;

type GcOptions = { type: 'major'; execution: 'sync'; flavor: 'last-resort' };

/** V8's collection of all available garbage (which also shrinks the heap), or null where it cannot be had. */
export function fullCollection(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: GcOptions) => void;
    return () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } catch {
    return null;
  }
}

/** Tells V8 to favour memory size over speed, or not (the flag is read at each collection's decisions). */
export function favourSize(on: boolean): void {
  setFlagsFromString(on ? '--optimize-for-size' : '--no-optimize-for-size');
}

export interface MemoryReleaseDeps {
  collect: (() => void) | null;
  favourSize: (on: boolean) => void;
  rss: () => number;
  now: () => number;
  /** When after start the settling collection may run (SETTLE_MS; Infinity: never). */
  settleMs: number;
}

export class MemoryRelease {
  private readonly deps: MemoryReleaseDeps;
  private resting: number | null = null;
  private gap = MIN_GAP_MS;
  private lastAt = -Infinity;
  /** Connections seen, and their count at the last sample (a counter: no clock read per connection). */
  private connections = 0;
  private connectionsAtCheck = 0;
  private small = false;
  /** The one collection once start-up is over (start-up leaves a heap twice the size of what it uses). */
  private settled = false;
  private startedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private probe: NodeJS.Timeout | null = null;

  constructor(deps: Partial<MemoryReleaseDeps> = {}) {
    this.deps = { collect: deps.collect === undefined ? fullCollection() : deps.collect, favourSize: deps.favourSize ?? favourSize,
      rss: deps.rss ?? (() => process.memoryUsage.rss()), now: deps.now ?? (() => Date.now()),
      settleMs: deps.settleMs ?? SETTLE_MS };
  }

  /** Whether V8 is told to favour size now. */
  get favouringSize(): boolean {
    return this.small;
  }

  /** Takes the resting level now and samples from then on. */
  start(): void {
    if (this.timer || !this.deps.collect) return;
    this.resting = this.deps.rss();
    this.startedAt = this.deps.now();
    this.timer = setInterval(() => this.check(), CHECK_MS);
    this.timer.unref();
    this.probe = setInterval(() => this.probeGrowth(), GROWTH_PROBE_MS);
    this.probe.unref();
  }

  /** Between samples: turns the size-favouring mode on as soon as RSS has grown (no collection). */
  probeGrowth(): void {
    if (this.resting === null || this.small) return;
    if (this.deps.rss() - this.resting >= GROWTH_BYTES) this.setSmall(true);
  }

  /** A connection arrived. */
  active(): void {
    this.connections++;
  }

  /** One sample (every CHECK_MS). */
  check(): void {
    if (this.resting === null || !this.deps.collect) return;
    const rss = this.deps.rss();
    const now = this.deps.now();
    const growth = rss - this.resting;
    if (growth >= GROWTH_BYTES && !this.small) this.setSmall(true);
    const quiet = this.connections === this.connectionsAtCheck;
    this.connectionsAtCheck = this.connections;
    if (!quiet) return;
    if (!this.settled && now - this.startedAt >= this.deps.settleMs) {
      // Start-up is over and nobody is waiting: give back what loading the modules left behind.
      this.settled = true;
      this.deps.collect();
      this.lastAt = now;
      this.resting = Math.min(this.resting, this.deps.rss());
      return;
    }
    if (growth < GROWTH_BYTES / 2) {
      if (this.small) this.setSmall(false);
      return;
    }
    if (now - this.lastAt < this.gap) return;
    this.deps.collect();
    this.lastAt = now;
    this.setSmall(false);
    const after = this.deps.rss();
    if (rss - after < GROWTH_BYTES / 4) {
      // Little was free: this memory is in use. Rest at this level, and look again later.
      this.resting = after;
      this.gap = Math.min(this.gap * 2, MAX_GAP_MS);
    } else {
      this.resting = Math.min(this.resting, after);
      this.gap = MIN_GAP_MS;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.probe) clearInterval(this.probe);
    this.timer = null;
    this.probe = null;
    if (this.small) this.setSmall(false);
  }

  private setSmall(on: boolean): void {
    this.small = on;
    this.deps.favourSize(on);
  }
}
