/**
 * Noticing that the machine slept, for the headless face (the desktop shell has powerMonitor's
 * `resume` and calls `core.resume()` itself): the wall clock moved much further than the
 * monotonic clock, which stands still during a sleep on Linux. A busy event loop delays both
 * alike, so it is not mistaken for a sleep; the expiry schedule detects resume the same way.
 */
export interface ResumeDetectorOptions {
  onResume: (sleptMs: number) => void;
  intervalMs?: number;
  /** How far wall and monotonic time may drift apart before it counts as a sleep. */
  thresholdMs?: number;
  now?: () => number;
  monotonic?: () => number;
}

export function startResumeDetector(options: ResumeDetectorOptions): () => void {
  const intervalMs = options.intervalMs ?? 10_000;
  const thresholdMs = options.thresholdMs ?? 30_000;
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (() => performance.now());
  let last = { wall: now(), mono: monotonic() };
  const timer = setInterval(() => {
    const current = { wall: now(), mono: monotonic() };
    const drift = (current.wall - last.wall) - (current.mono - last.mono);
    last = current;
    if (drift > thresholdMs) options.onResume(drift);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
