/**
 * Restart delays for a tunnel that keeps exiting: base, 2×base, 4×base … capped, so a tunnel that
 * cannot connect (offline laptop) is retried without spinning, and comes back soon once it can.
 */
export interface BackoffSettings {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1_000, capMs: 60_000 };

/** The delay before restart number `attempt` (1 = the first restart). */
export function backoffDelay(attempt: number, settings: BackoffSettings): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(settings.capMs, settings.baseMs * 2 ** Math.min(exponent, 30));
}
