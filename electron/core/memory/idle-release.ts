/**
 * Giving memory back once the process has gone quiet. Under a burst of deliveries V8 grows its
 * young generation to ~100 MB and keeps much of the committed heap for a long while afterwards;
 * startup leaves ~15 MB committed but unused. A memory-reducing full GC (V8's "last resort":
 * every space collected and shrunk) returns it: ~10–40 ms of one core, run only once the event
 * loop has been quiet for `quietMs` and the committed heap has grown by `growthBytes` since the
 * last one. A busy loop only postpones it, so it never runs under load, and light traffic (a
 * delivery now and then) does not grow the heap enough to call for one.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';

export interface IdleReleaseOptions {
  /** The memory-reducing collection; memoryReducingGc() unless a test counts calls. */
  collect?: () => void;
  /** Event-loop utilization (0–1) since the previous call. */
  utilization?: () => number;
  /** V8's committed heap in bytes. */
  committedBytes?: () => number;
  /** Quiet this long before collecting. */
  quietMs?: number;
  intervalMs?: number;
  /** Below this utilization a sample counts as quiet. */
  quietBelow?: number;
  /** Committed-heap growth since the last collection that makes one worth it. */
  growthBytes?: number;
}

type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * V8's gc() without --expose-gc on the command line (the desktop shell's Node and `certbell`
 * alike): the flag set at runtime exposes it to a new context, which is how Jest's leak detector
 * gets it, and is switched off again so no other context gets a global gc.
 */
export function memoryReducingGc(): () => void {
  let gc = (globalThis as { gc?: Gc }).gc;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Gc;
    setFlagsFromString('--no-expose-gc');
  }
  const collect = gc;
  return () => collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

function loopUtilization(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization;
  };
}

/** Starts watching; the returned function stops it. */
export function startIdleRelease(options: IdleReleaseOptions = {}): () => void {
  const collect = options.collect ?? memoryReducingGc();
  const utilization = options.utilization ?? loopUtilization();
  const committedBytes = options.committedBytes ?? (() => getHeapStatistics().total_heap_size);
  const quietMs = options.quietMs ?? 2000;
  const intervalMs = options.intervalMs ?? 500;
  const quietBelow = options.quietBelow ?? 0.02;
  const growthBytes = options.growthBytes ?? 4 * 1024 * 1024;
  // Zero: what startup left committed counts as growth.
  let afterLast = 0;
  let quietFor = 0;
  const timer = setInterval(() => {
    if (utilization() >= quietBelow) {
      quietFor = 0;
      return;
    }
    quietFor += intervalMs;
    if (quietFor < quietMs || committedBytes() - afterLast < growthBytes) return;
    collect();
    afterLast = committedBytes();
    quietFor = 0;
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
