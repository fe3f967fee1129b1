/** Whether the settings (SPEC §2 `notifications.*`) let a decided notification be shown. */
import type { NotificationDecision, NotificationKind, NotificationSettings, Visibility } from './types.ts';

const DEFAULT_KINDS: Record<NotificationKind, boolean> = {
  issued: true, failed: true, expiring: true, action: true, test: true, hook: true, security: true, deployment: true, info: false,
};

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = Object.freeze({
  enabled: true,
  kinds: Object.freeze({ ...DEFAULT_KINDS }),
  expiryThresholdsDays: Object.freeze([30, 14, 7, 3, 1]) as number[],
  quietHours: null,
});

/** Minutes since midnight of "HH:MM", or null when it is not such a time. */
export function parseClock(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Whether `now` (its LOCAL wall-clock time, minute precision) falls in the quiet hours.
 * The range includes `from` and excludes `to`: 22:00–07:00 is quiet from 22:00 through 06:59.
 * `from` after `to` wraps past midnight. `from` equal to `to` is an empty range: never quiet
 * (a setting that silences everything is `enabled: false`). An unreadable time is never quiet,
 * since wrongly hiding a notification is worse than wrongly showing one.
 */
export function isQuietTime(quietHours: NotificationSettings['quietHours'], now: Date): boolean {
  if (!quietHours) return false;
  const from = parseClock(quietHours.from);
  const to = parseClock(quietHours.to);
  if (from === null || to === null || from === to) return false;
  const minute = now.getHours() * 60 + now.getMinutes();
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** Whether a pause (ms since epoch, or null) still holds at `now`: an expired pause is no pause. */
export function isPaused(pausedUntil: number | null, now: number): boolean {
  return pausedUntil !== null && pausedUntil > now;
}

/**
 * Whether a decision is shown under these settings at `now`, and if not, the first reason why.
 * The switches come first (they say what the user never wants), then a pause (what the user asked
 * for just now, and will remember), then the quiet-hours schedule.
 */
export function visibility(decision: NotificationDecision, settings: NotificationSettings, now: Date,
  pausedUntil: number | null = null): Visibility {
  if (!settings.enabled) return { shown: false, reason: 'disabled' };
  const kindOn = settings.kinds[decision.kind] ?? DEFAULT_KINDS[decision.kind];
  if (!kindOn) return { shown: false, reason: 'kind-off' };
  if (isPaused(pausedUntil, now.getTime())) return { shown: false, reason: 'paused' };
  if (isQuietTime(settings.quietHours, now)) return { shown: false, reason: 'quiet-hours' };
  return { shown: true };
}
