/**
 * Certbell's own expiry schedule (SPEC §7, kind `expiring`): once per certificate per threshold
 * in `notifications.expiryThresholdsDays`, and once more when the certificate has expired.
 */
import { certificateSubject, isoDay, parseTime, plural } from './text.ts';
import type { ExpiryFacts, ExpiryState, NotificationDecision } from './types.ts';
import { DAY_MS } from '../time/day.ts';

export const EMPTY_EXPIRY_STATE: ExpiryState = { notifiedDays: [], expiredNotified: false, forExpireAt: null };

/**
 * Days left until `expireAtMs`, rounded UP to whole days: 6.2 days left count as 7, exactly
 * 7 days as 7, any time in the last day as 1. So "days left <= threshold" first holds exactly
 * `threshold` days before the expiry instant, and days left <= 0 means the expiry has passed.
 */
export function daysLeft(expireAtMs: number, now: number): number {
  return Math.ceil((expireAtMs - now) / DAY_MS);
}

/** Settings thresholds as positive whole days, without duplicates, loosest first. */
export function normalizeThresholds(thresholdsDays: readonly number[]): number[] {
  const valid = thresholdsDays.filter((d) => Number.isInteger(d) && d > 0);
  return [...new Set(valid)].sort((a, b) => b - a);
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => y - x);
}

/** The state to work from: marks made for another expireAt (renewed certificate) start over. */
function currentState(state: ExpiryState, expireAt: string, expireAtMs: number): ExpiryState {
  if (state.forExpireAt === undefined) return { ...state, forExpireAt: expireAt };
  const markedFor = parseTime(state.forExpireAt);
  return markedFor === expireAtMs ? state : { ...EMPTY_EXPIRY_STATE, forExpireAt: expireAt };
}

/**
 * Whether a warning at `days` before expiry or closer (or the expired one) was already raised for
 * this expireAt: the provider's own 30-day warning then repeats what the schedule said.
 */
export function warnedWithin(state: ExpiryState, expireAt: string, days: number): boolean {
  const expireAtMs = parseTime(expireAt);
  if (expireAtMs === null) return false;
  const marks = currentState(state, expireAt, expireAtMs);
  return marks.expiredNotified || marks.notifiedDays.some((d) => d <= days);
}

function decision(facts: ExpiryFacts, title: string, body: string, expired: boolean): NotificationDecision {
  return { kind: 'expiring', title, body, urgency: expired ? 'critical' : 'normal',
    certificateId: facts.certificateId, deliveryId: null, commonName: facts.commonName };
}

/**
 * At most one expiry notification for a certificate at `now`, and the state to keep. When the
 * days left have fallen past several thresholds not yet notified (first seen late, or the app
 * was not running), one notification is raised, for the tightest of them, and the looser ones
 * count as done. Once expired: one "expired" notification, and every threshold counts as done.
 */
export function expiryDecision(facts: ExpiryFacts, state: ExpiryState, thresholdsDays: number[],
  now: number): { decision: NotificationDecision | null; state: ExpiryState } {
  const expireAtMs = parseTime(facts.expireAt);
  if (facts.expireAt === null || expireAtMs === null) return { decision: null, state };
  const base = currentState(state, facts.expireAt, expireAtMs);
  const thresholds = normalizeThresholds(thresholdsDays);
  const subject = certificateSubject(facts.commonName, facts.certificateId, true);
  const day = isoDay(facts.expireAt);
  const left = daysLeft(expireAtMs, now);

  if (left <= 0) {
    if (base.expiredNotified) return { decision: null, state: base };
    return {
      decision: decision(facts, 'Certificate expired', `${subject} expired on ${day}. Renew or replace it.`, true),
      state: { ...base, notifiedDays: union(base.notifiedDays, thresholds), expiredNotified: true },
    };
  }
  // A threshold looser than one already notified is done too (e.g. added to the settings later).
  const tightestNotified = Math.min(...base.notifiedDays);
  const due = thresholds.filter((t) => left <= t && t < tightestNotified);
  if (due.length === 0) return { decision: null, state: base };
  const tightest = Math.min(...due);
  return {
    decision: decision(facts, 'Certificate expiring', `${subject} expires in ${plural(left, 'day')}, on ${day}.`, false),
    state: { ...base, notifiedDays: union(base.notifiedDays, thresholds.filter((t) => t >= tightest)) },
  };
}
