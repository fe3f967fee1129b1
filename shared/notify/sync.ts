/**
 * SPEC §13: the notification a missed event would have raised, when provider sync finds the
 * change instead — each saying it was found by sync — and the one summary a first sync raises
 * for what needs attention now.
 */
import { certificateSubject, isoDay, listNames, plural } from './text.ts';
import { urgencyOf } from './delivery.ts';
import type { NotificationDecision, NotificationKind } from './types.ts';

export const FOUND_BY_SYNC = 'Found by provider sync';

export interface SyncFacts {
  certificateId: string;
  commonName: string | null;
  expireAt: string | null;
}

function decision(kind: NotificationKind, title: string, body: string, f: SyncFacts): NotificationDecision {
  return { kind, title, body: `${body} ${FOUND_BY_SYNC}.`, urgency: urgencyOf(kind), certificateId: f.certificateId,
    deliveryId: null, commonName: f.commonName };
}

/**
 * The notification for an order that reached API status `to` while Certbell did not hear of it
 * (the matching delivery was missed), or null when that status raises none. `EXP` is the
 * expiry schedule's "expired" notification, raised here only when it was not raised before.
 */
export function missedChangeDecision(to: string, f: SyncFacts, expiredNotified: boolean): NotificationDecision | null {
  const subject = certificateSubject(f.commonName, f.certificateId, true);
  const day = isoDay(f.expireAt);
  switch (to) {
    case 'ACT':
      return decision('issued', 'Certificate issued', `${subject} was issued${day ? `; it is valid until ${day}` : ''}.`, f);
    case 'FAI':
      return decision('failed', 'Certificate order failed',
        `The order of ${certificateSubject(f.commonName, f.certificateId)} failed at the CA. Check the order in the SSL Panel.`, f);
    case 'EXP':
      return expiredNotified ? null
        : { ...decision('expiring', 'Certificate expired', `${subject} expired${day ? ` on ${day}` : ''}. Renew or replace it.`, f),
          urgency: 'critical' };
    case 'REQ':
      return decision('info', 'Certificate requested', `${subject} was requested at the CA.`, f);
    case 'PAI':
      return decision('info', 'Certificate created', `${subject} was created in the SSL Panel.`, f);
    case 'REJ':
      return decision('info', 'Cancellation requested', `The cancellation of ${certificateSubject(f.commonName, f.certificateId)} was requested.`, f);
    default:
      return null;
  }
}

/** What needs attention now in a first sync: one item per certificate, worded for a list. */
export interface AttentionItem {
  kind: 'failed' | 'expiring';
  certificateId: string;
  commonName: string | null;
  /** e.g. "failed", "expires in 5 days (2026-12-12)", "expired on 2026-11-30". */
  what: string;
}

const KIND_ORDER: readonly AttentionItem['kind'][] = ['failed', 'expiring'];

export function attentionWording(kind: AttentionItem['kind'], expireAt: string | null, daysLeft: number | null): string {
  if (kind === 'failed') return 'failed';
  const day = isoDay(expireAt);
  if (daysLeft !== null && daysLeft <= 0) return `expired${day ? ` on ${day}` : ''}`;
  return `expires in ${plural(daysLeft ?? 0, 'day')}${day ? ` (${day})` : ''}`;
}

/**
 * A first sync (an inventory filled from the API at once) raises one notification for everything
 * that needs attention now, of the most pressing kind among them, instead of one per order.
 */
export function firstSyncSummary(items: readonly AttentionItem[]): NotificationDecision | null {
  if (items.length === 0) return null;
  const sorted = [...items].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const kind = sorted[0].kind;
  const urgency = sorted.some((i) => i.kind === 'failed' || i.what.startsWith('expired')) ? 'critical' : urgencyOf(kind);
  if (sorted.length === 1) {
    const [only] = sorted;
    const subject = certificateSubject(only.commonName, only.certificateId, true);
    return { kind, title: kind === 'failed' ? 'Certificate order failed' : 'Certificate expiring', urgency,
      body: `${subject} ${only.what}. ${FOUND_BY_SYNC}.`, certificateId: only.certificateId, deliveryId: null, commonName: only.commonName };
  }
  const names = sorted.map((i) => `${certificateSubject(i.commonName, i.certificateId)} ${i.what}`);
  return { kind, title: `${plural(sorted.length, 'certificate')} need attention`, urgency,
    body: `${FOUND_BY_SYNC}: ${listNames(names)}.`, certificateId: null, deliveryId: null, commonName: null };
}
