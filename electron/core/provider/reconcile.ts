/**
 * SPEC §13: the provider's orders against the inventory. Pure: which certificate each order is
 * (by order id, else by common name, else a new entry known only from the API), what follows the
 * API, and which notification a missed change raises. Writing and notifying is the caller's.
 */
import { attentionWording, expiryDecision, missedChangeDecision, type AttentionItem } from '../../../shared/notify/index.ts';
import type { NotificationDecision } from '../../../shared/notify/types.ts';
import { STATUS_MAPPING } from '../../../shared/openprovider/status-mapping.ts';
import { apiStatusOf, SYNC_EVENT } from '../certificates/api-status.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import { daysLeft } from '../certificates/certificate-view.ts';
import { pemNotAfter } from '../certificates/inventory.ts';
import type { ProviderOrder } from './provider.ts';
import type { SyncChangeRecord } from './sync-types.ts';

/** The id of a certificate known only from the API: the webhook's certificate id is not in the API's orders. */
export function providerCertificateId(orderId: string): string {
  return `order-${orderId}`;
}

export interface OrderMatch {
  order: ProviderOrder;
  certificateId: string;
  /** No certificate matched: a new entry. */
  isNew: boolean;
}

const nameKey = (name: string | null) => name?.trim().toLowerCase() || null;

/** Each order with the certificate it is: by order id, else by common name (a certificate of no other listed order), else new. */
export function matchOrders(certificates: readonly CertificateRecord[], orders: readonly ProviderOrder[]): OrderMatch[] {
  const newest = (a: CertificateRecord | undefined, b: CertificateRecord) => (!a || b.updatedAt > a.updatedAt ? b : a);
  const byOrder = new Map<string, CertificateRecord>();
  for (const c of certificates) if (c.orderId) byOrder.set(c.orderId, newest(byOrder.get(c.orderId), c));
  const listed = new Set(orders.map((o) => o.orderId));
  const byName = new Map<string, CertificateRecord>();
  for (const c of certificates) {
    const key = nameKey(c.commonName);
    if (key && !(c.orderId && listed.has(c.orderId))) byName.set(key, newest(byName.get(key), c));
  }
  const taken = new Set<string>();
  return orders.map((order) => {
    const known = byOrder.get(order.orderId) ?? byName.get(nameKey(order.commonName) ?? '');
    if (known && !taken.has(known.id)) {
      taken.add(known.id);
      return { order, certificateId: known.id, isNew: false };
    }
    return { order, certificateId: providerCertificateId(order.orderId), isNew: true };
  });
}

/** How `from` reads for a status the table does not know: the webhook's triple. */
function describeFrom(c: CertificateRecord | undefined): string | null {
  if (!c) return null;
  return apiStatusOf(c) ?? (c.status === null ? null : [c.orderStatus ?? '?', c.status, c.operation ?? 'none'].join('/'));
}

/** An API date (ISO, or `YYYY-MM-DD HH:MM:SS` read as local time) as ISO text, or null. */
export function isoOrNull(text: string | null): string | null {
  if (!text) return null;
  const ms = Date.parse(text.includes('T') || !text.includes(' ') ? text : text.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function emptyRecord(id: string, now: number): CertificateRecord {
  return { id, commonName: null, orderId: null, orderStatus: null, status: null, operation: null, expireAt: null,
    activatedAt: null, preValidationStatus: null, failedValidators: [], lastEvent: null, lastDelivery: null, eventAt: now,
    updatedAt: now, expiry: { notifiedDays: [], expiredNotified: false }, issuedPem: null, issuedAt: null,
    providerOnly: true, syncedAt: null };
}

export interface ReconcileContext {
  now: number;
  thresholdsDays: number[];
  /** No successful sync before this one: only what needs attention now is raised, as one summary. */
  first: boolean;
  /** When the orders were first asked for: a certificate a delivery changed since then is fresher than the API's answer. */
  startedAt: number;
}

export interface OrderOutcome {
  record: CertificateRecord;
  change: SyncChangeRecord | null;
  /** The notification of a missed change (not on a first sync). */
  decision: NotificationDecision | null;
  /** On a first sync: what needs attention now, for the one summary. */
  attention: AttentionItem | null;
}

/** The API's fields over the inventory's: the state follows the API; gaps are filled; the issued certificate is taken when new. */
function followApi(base: CertificateRecord, order: ProviderOrder, stateChanged: boolean, now: number): CertificateRecord {
  const row = STATUS_MAPPING.find((r) => r.apiStatus === order.status);
  const expireAt = isoOrNull(order.expirationDate) ?? pemNotAfter(order.certificatePem) ?? base.expireAt;
  const newPem = order.certificatePem !== null && order.certificatePem !== base.issuedPem;
  const renewed = expireAt !== null && base.expireAt !== null && Date.parse(expireAt) !== Date.parse(base.expireAt);
  return {
    ...base,
    commonName: order.commonName ?? base.commonName,
    orderId: order.orderId,
    ...(stateChanged && row ? { orderStatus: row.status, status: row.certificateStatus, operation: row.operation, lastEvent: SYNC_EVENT } : {}),
    expireAt,
    activatedAt: isoOrNull(order.activeDate) ?? base.activatedAt,
    issuedPem: newPem ? order.certificatePem : base.issuedPem,
    issuedAt: newPem ? (Date.parse(isoOrNull(order.activeDate) ?? '') || now) : base.issuedAt,
    expiry: renewed ? { notifiedDays: [], expiredNotified: false } : base.expiry,
    eventAt: stateChanged ? Math.max(base.eventAt, now) : base.eventAt,
    updatedAt: now,
    syncedAt: now,
  };
}

/** One order against its certificate (undefined: new). Null when a delivery changed the certificate during the sync. */
export function reconcileOrder(current: CertificateRecord | undefined, match: OrderMatch, ctx: ReconcileContext): OrderOutcome | null {
  if (current && current.updatedAt > ctx.startedAt && current.syncedAt !== current.updatedAt) return null;
  const { order } = match;
  const from = apiStatusOf(current);
  const stateChanged = from !== order.status;
  const base = current ?? emptyRecord(match.certificateId, ctx.now);
  let record = followApi(base, order, stateChanged, ctx.now);
  if (!stateChanged) return { record, change: null, decision: null, attention: null };

  const facts = { certificateId: record.id, commonName: record.commonName, expireAt: record.expireAt };
  let attention: AttentionItem | null = null;
  let decision = missedChangeDecision(order.status, facts, record.expiry.expiredNotified);
  if (order.status === 'EXP') record = { ...record, expiry: { ...record.expiry, expiredNotified: true } };
  if (ctx.first) {
    if (order.status === 'FAI') attention = { kind: 'failed', certificateId: record.id, commonName: record.commonName, what: attentionWording('failed', null, null) };
    else if (order.status === 'EXP' && current && decision) {
      attention = { kind: 'expiring', certificateId: record.id, commonName: record.commonName, what: attentionWording('expiring', record.expireAt, 0) };
    } else if (order.status === 'ACT') {
      // The schedule's marks are set as if it had warned: the summary stands for its warning.
      const expiry = expiryDecision(facts, record.expiry, ctx.thresholdsDays, ctx.now);
      record = { ...record, expiry: expiry.state };
      if (expiry.decision) {
        attention = { kind: 'expiring', certificateId: record.id, commonName: record.commonName,
          what: attentionWording('expiring', record.expireAt, daysLeft(record.expireAt, ctx.now)) };
      }
    }
    decision = null;
  }
  const change: SyncChangeRecord = { certificateId: record.id, commonName: record.commonName, orderId: order.orderId,
    from: describeFrom(current), to: order.status, notification: decision?.body ?? null, notificationKind: decision?.kind ?? null, at: ctx.now };
  return { record, change, decision, attention };
}
