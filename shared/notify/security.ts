/**
 * The `security` notification (SPEC §7): deliveries rejected for their signature, at most one
 * notification per 10 minutes, with a count. Rejections that arrive while the gate is closed
 * are counted and reported by the next notification.
 */
import { parseTime, plural } from './text.ts';
import type { NotificationDecision, SecurityGateState } from './types.ts';

export const SECURITY_INTERVAL_MS = 600_000;

export const INITIAL_SECURITY_GATE: SecurityGateState = { lastShownAt: null, pending: 0, pendingSince: null };

export interface SecurityGateResult {
  /** Whether to raise a security notification now. */
  show: boolean;
  /** How many rejections that notification reports (0 when not shown). */
  count: number;
  /** Time of the first rejection it reports (null when not shown). */
  since: number | null;
  state: SecurityGateState;
}

/** "2026-03-01 14:03 UTC": the same on every machine, and unambiguous. */
function formatSince(sinceIso: string): string {
  const ms = parseTime(sinceIso);
  if (ms === null) return sinceIso;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function securityDecision(count: number, sinceIso: string): NotificationDecision {
  const verb = count === 1 ? 'was' : 'were';
  const its = count === 1 ? 'its' : 'their';
  return {
    kind: 'security',
    title: 'Deliveries rejected',
    body: `${plural(count, 'delivery', 'deliveries')} ${verb} rejected for ${its} signature since `
      + `${formatSince(sinceIso)}. Check the secrets, or whether someone else is calling the webhook.`,
    urgency: 'normal',
    certificateId: null,
    deliveryId: null,
    commonName: null,
  };
}

/**
 * SPEC §11: signed `data` already accepted under one event arrived again under another. It is
 * processed (the provider signs only `data`, so the event name is not covered), but the user is told.
 */
export function signedReuseDecision(reuse: { firstDeliveryId: string; event: string | null; deliveryId: string;
  certificateId: string | null; commonName: string | null }): NotificationDecision {
  return {
    kind: 'security',
    title: 'Signed content reused under another event',
    body: `Delivery ${reuse.deliveryId} (${reuse.event ?? 'no event'}) carries the signed data of delivery `
      + `${reuse.firstDeliveryId}, accepted before under another event. It was processed; check whether someone `
      + 'is replaying captured deliveries.',
    urgency: 'normal',
    certificateId: reuse.certificateId,
    deliveryId: reuse.deliveryId,
    commonName: reuse.commonName,
  };
}

/**
 * Records `rejections` new signature rejections at `now` (1 per rejected delivery; 0 to only
 * check whether pending ones may be reported yet, e.g. from a timer set to `securityGateOpensAt`)
 * and says whether a notification is due. A clock that went back opens the gate rather than
 * keeping it shut until it catches up.
 */
export function securityGate(state: SecurityGateState, now: number, intervalMs = SECURITY_INTERVAL_MS,
  rejections = 1): SecurityGateResult {
  const pending = state.pending + Math.max(0, rejections);
  const pendingSince = pending === 0 ? null : (state.pending > 0 ? (state.pendingSince ?? now) : now);
  const last = state.lastShownAt;
  const open = last === null || now - last >= intervalMs || now < last;
  if (pending > 0 && open) {
    return { show: true, count: pending, since: pendingSince, state: { lastShownAt: now, pending: 0, pendingSince: null } };
  }
  return { show: false, count: 0, since: null, state: { lastShownAt: last, pending, pendingSince } };
}

/** When pending rejections may next be reported (for a timer), or null when none are pending. */
export function securityGateOpensAt(state: SecurityGateState, intervalMs = SECURITY_INTERVAL_MS): number | null {
  if (state.pending <= 0) return null;
  return state.lastShownAt === null ? 0 : state.lastShownAt + intervalMs;
}
