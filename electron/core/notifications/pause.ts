/**
 * "Pause notifications", as the core decides it: until when nothing pops up (the history then says
 * `paused`), kept in a PauseStore the shell chooses — pause.json in the data directory for the
 * headless face (so `certbell notifications pause` in another process reaches `certbell serve`),
 * the desktop's preferences for the tray app. An expired pause is no pause.
 */
import { isPaused } from '../../../shared/notify/visibility.ts';
import type { Logger } from '../logger.ts';

/** Where a pause is kept. */
export interface PauseStore {
  /** Until when (ms since epoch), or null; may be in the past (an expired pause). */
  read(): number | null;
  write(until: number | null): void;
  /** Changes made elsewhere (another process); returns the function that stops watching. */
  watch?(onChange: () => void): () => void;
}

/** A pause kept in memory only (tests, and a core whose shell keeps no pause). */
export function memoryPause(initial: number | null = null): PauseStore {
  let until = initial;
  return { read: () => until, write: (next) => { until = next; } };
}

export type PauseListener = (pausedUntil: number | null) => void;

/** setTimeout's limit; a pause ending later is re-armed when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

export class PauseSwitch {
  private readonly store: PauseStore;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly listeners = new Set<PauseListener>();
  /** What listeners were last told, so a re-read that changed nothing tells nobody. */
  private told: number | null;
  private stopWatching: (() => void) | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(store: PauseStore, now: () => number, logger: Logger) {
    this.store = store;
    this.now = now;
    this.logger = logger;
    this.told = this.pausedUntil();
  }

  /** Until when notifications are paused, or null (not paused, or the pause ran out). */
  pausedUntil(): number | null {
    let until: number | null;
    try { until = this.store.read(); } catch (error) {
      // Wrongly hiding a notification is worse than wrongly showing one.
      this.logger.warn(`notifications: cannot read the pause: ${(error as Error).message}`);
      return null;
    }
    return isPaused(until, this.now()) ? until : null;
  }

  /** Pauses until `until` (ms since epoch), or resumes (null, or an instant already past). */
  pause(until: number | null): number | null {
    this.store.write(until !== null && isPaused(until, this.now()) ? until : null);
    this.changed();
    return this.pausedUntil();
  }

  /** Told each change (here, from another process, or the pause running out); returns the unsubscribe. */
  onChange(listener: PauseListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.stopWatching = this.store.watch?.(() => this.changed());
      this.told = this.pausedUntil();
      this.armExpiry();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  private changed(): void {
    const until = this.pausedUntil();
    const news = until !== this.told;
    this.told = until;
    this.armExpiry();
    if (!news) return;
    for (const listener of this.listeners) {
      try { listener(until); } catch (error) { this.logger.error(`notifications: ${(error as Error).message}`); }
    }
  }

  /** While someone listens, the end of a pause is a change too (the tray's label, the UI's button). */
  private armExpiry(): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const until = this.told;
    if (until === null || this.listeners.size === 0) return;
    this.expiryTimer = setTimeout(() => this.changed(), Math.min(MAX_TIMER_MS, Math.max(0, until - this.now()) + 5));
    this.expiryTimer.unref();
  }
}
