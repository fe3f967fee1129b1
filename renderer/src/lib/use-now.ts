/**
 * The current time for relative times, ticking every 30 s. One interval for the whole page however
 * many times are shown (each row subscribes, none has its own timer); it runs only while some
 * component shows a relative time.
 */
import { useSyncExternalStore } from 'react';

export const TICK_MS = 30_000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) { clearInterval(timer); timer = null; }
  };
}

const snapshot = () => now;

/** Milliseconds since the epoch, as of the last tick. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
