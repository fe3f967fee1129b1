// Step 2 of the pipeline against a real SQLite store: what each delivery changes in the inventory
// and which notifications it raises, stored the way the processor stores them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyDelivery, type ApplyResult } from '../../../../../electron/core/certificates/apply.ts';
import { silentLogger } from '../../../../../electron/core/logger.ts';
import { NotificationCenter } from '../../../../../electron/core/notifications/notification-center.ts';
import type { Notifier } from '../../../../../electron/core/notifications/notifier.ts';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../../shared/notify/index.ts';
import { summarizeBody } from '../../../../../shared/openprovider/payloads.ts';
import { SAMPLE_MAIN_NOT_AFTER } from '../../../../../shared/openprovider/sample-chain.ts';
import { sampleDelivery, stableId } from '../../../../../shared/openprovider/samples.ts';
import { newDelivery, openTempStore, type TempStore } from '../store/store-fixtures.ts';

const CN = 'shop.example.org';
const CERT_ID = stableId(`certificate:${CN}`);
const THRESHOLDS = [30, 14, 7, 3, 1];
const T0 = Date.parse('2026-06-01T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;
const EXPIRE_MS = Date.parse(SAMPLE_MAIN_NOT_AFTER);
const CHAT = 'ssl_panel.ca_chat.new_message_from_ca';

let t: TempStore;
let clock = T0;
// A notifier that shows (and drops) everything: the history then says what the policy decided.
const desktop: Notifier = { name: 'desktop', async show() {}, onClick() {}, async close() {} };
const center = new NotificationCenter({ settings: () => DEFAULT_NOTIFICATION_SETTINGS, notifier: () => desktop,
  now: () => clock, logger: silentLogger, record: async () => {} });

beforeEach(() => { t = openTempStore(); clock = T0; });
afterEach(() => t.cleanup());

interface Options {
  deliveryId?: string; commonName?: string; at?: number; aborted?: boolean;
  /** Changes the sample's certificate object before it is sent. */
  edit?: (certificate: Record<string, unknown>) => void;
}

/** One delivery through step 2, then stored with its result in one transaction, as the processor does. */
async function deliver(event: string, options: Options = {}): Promise<ApplyResult> {
  const at = options.at ?? clock;
  clock = at;
  const deliveryId = options.deliveryId ?? `${event}@${at}`;
  const parsed = sampleDelivery(event, { deliveryId, commonName: options.commonName ?? CN, now: new Date(at) });
  options.edit?.((parsed.data as { certificate: Record<string, unknown> }).certificate);
  const body = Buffer.from(JSON.stringify(parsed));
  const result = applyDelivery({ get: (id) => t.store.certificates.get(id), byOrder: (o) => t.store.certificates.byOrder(o),
    firstReceivedAt: (d) => t.store.firstReceivedAt(d) }, { deliveryId, event, entityId: null, body, parsed }, at, THRESHOLDS);
  const summary = summarizeBody(parsed);
  const record = newDelivery({ deliveryId, receivedAt: at, body, event, commonName: summary.commonName,
    certificateId: summary.certificateId, orderId: summary.orderId });
  if (options.aborted) {
    await t.store.add({ ...record, status: 503, outcome: 'aborted', dedupe: false, response: '{"error":"hook failed"}' });
  } else {
    await t.store.add({ ...record, certificate: result.certificate, notifications: center.prepare(result.decisions) });
  }
  return result;
}

const kinds = (r: ApplyResult) => r.decisions.map((d) => `${d.kind}: ${d.title}`);

describe('decisions and inventory per event', () => {
  it('raises one notification per lifecycle delivery, each about the certificate, and stores the change', async () => {
    const seen: string[] = [];
    const statuses: string[] = [];
    for (const [i, event] of ['ssl_panel.created', 'ssl_panel.pre_validation.failed', 'ssl_panel.pre_validation.successful',
      'ssl_panel.requested', 'ssl_panel.issued', 'ssl_panel.reissue_failed', 'ssl_panel.renew_failed'].entries()) {
      const result = await deliver(event, { at: T0 + i * HOUR });
      expect(result.decisions.every((d) => d.certificateId === CERT_ID && d.deliveryId === `${event}@${T0 + i * HOUR}`)).toBe(true);
      seen.push(...kinds(result));
      const stored = t.store.certificates.get(CERT_ID)!;
      expect(stored.lastEvent).toBe(event);
      statuses.push(`${stored.status}/${stored.operation}`);
    }
    expect(seen).toEqual(['info: Certificate created', 'failed: Pre-validation failed', 'info: Pre-validation passed',
      'info: Certificate requested', 'issued: Certificate issued', 'failed: Reissue failed', 'failed: Renewal failed']);
    expect(statuses).toEqual(['open/none', 'open/none', 'open/none', 'requested/request', 'active/none', 'active/none', 'active/none']);
  });

  it('words the notifications with the common name, the failed validator and the expiry day', async () => {
    const failed = await deliver('ssl_panel.pre_validation.failed', { at: T0 });
    expect(failed.decisions[0].body).toBe(`${CN} did not pass pre-validation: kvk_validator failed.`);
    const issued = await deliver('ssl_panel.issued', { at: T0 + HOUR });
    expect(issued.decisions[0].body).toBe(`${CN} was issued; it is valid until 2027-12-25.`);
    // The issued delivery says pre-validation passed: the earlier failed validator no longer applies.
    expect(t.store.certificates.get(CERT_ID)).toMatchObject({ status: 'active', expireAt: SAMPLE_MAIN_NOT_AFTER,
      preValidationStatus: 'passed', failedValidators: [] });
  });

  it('keeps a test ping out of the inventory and raises a test notification', async () => {
    const ping = await deliver('ping', { deliveryId: 'ping-1' });
    expect(ping.certificate).toBeNull();
    expect(ping.decisions).toMatchObject([{ kind: 'test', certificateId: null, deliveryId: 'ping-1' }]);
    expect(t.store.certificates.all()).toEqual([]);
  });

  it('keeps every decision in the history, the info ones marked not shown', async () => {
    await deliver('ssl_panel.created', { deliveryId: 'c-1' });
    await deliver('ssl_panel.issued', { deliveryId: 'i-1', at: T0 + HOUR });
    const history = t.store.certificates.notifications();
    expect(history.map((n) => [n.kind, n.deliveryId, n.certificateId, n.shown, n.reason])).toEqual([
      ['issued', 'i-1', CERT_ID, true, null], ['info', 'c-1', CERT_ID, false, 'kind-off']]);
  });
});

describe('CA chat messages', () => {
  it('attach to the certificate of a known order', async () => {
    await deliver('ssl_panel.issued', { at: T0 });
    const chat = await deliver(CHAT, { deliveryId: 'chat-1', at: T0 + HOUR });
    expect(chat.decisions).toMatchObject([{ kind: 'action', title: 'New message from the CA', certificateId: CERT_ID, deliveryId: 'chat-1' }]);
    expect(chat.decisions[0].body).toBe(`${CN}: We tried to reach the organization for ${CN} via its public number but got no answer.`);
    expect(t.store.certificates.get(CERT_ID)).toMatchObject({ status: 'active', lastEvent: CHAT, lastDelivery: 'chat-1', updatedAt: T0 + HOUR });
  });

  it('stay unattached when the order is unknown, and create no certificate', async () => {
    await deliver('ssl_panel.issued', { at: T0 });
    const chat = await deliver(CHAT, { deliveryId: 'chat-2', commonName: 'other.example.net', at: T0 + HOUR });
    expect(chat.certificate).toBeNull();
    expect(chat.decisions).toMatchObject([{ kind: 'action', certificateId: null, deliveryId: 'chat-2' }]);
    expect(t.store.certificates.all().map((c) => [c.id, c.lastEvent])).toEqual([[CERT_ID, 'ssl_panel.issued']]);
  });
});

describe('when a delivery happened: its first attempt', () => {
  it('a retry of an aborted delivery keeps its original place in time, so it cannot roll the status back', async () => {
    await deliver('ssl_panel.requested', { deliveryId: 'req-1', at: T0 + HOUR, aborted: true });
    await deliver('ssl_panel.issued', { deliveryId: 'iss-1', at: T0 + 2 * HOUR });
    const retry = await deliver('ssl_panel.requested', { deliveryId: 'req-1', at: T0 + 3 * HOUR });
    expect(retry.certificate).toMatchObject({ status: 'active', operation: 'none', lastEvent: 'ssl_panel.issued', lastDelivery: 'iss-1',
      eventAt: T0 + 2 * HOUR, updatedAt: T0 + 3 * HOUR });
    expect(t.store.certificates.get(CERT_ID)).toMatchObject({ status: 'active', lastEvent: 'ssl_panel.issued' });
  });

  it('a delivery seen for the first time happens now', async () => {
    await deliver('ssl_panel.requested', { deliveryId: 'req-1', at: T0 + HOUR });
    const issued = await deliver('ssl_panel.issued', { deliveryId: 'iss-1', at: T0 + 2 * HOUR });
    expect(issued.certificate).toMatchObject({ status: 'active', lastEvent: 'ssl_panel.issued', eventAt: T0 + 2 * HOUR });
  });
});

describe('expiry after a delivery', () => {
  it('the provider\'s 30-day warning is the one expiring notification, and marks the 30-day threshold done', async () => {
    await deliver('ssl_panel.issued', { at: EXPIRE_MS - 365 * DAY });
    const warning = await deliver('ssl_panel.will_expire_in_30_days', { at: EXPIRE_MS - 30 * DAY });
    expect(kinds(warning)).toEqual(['expiring: Certificate expiring']);
    expect(warning.decisions[0].body).toBe(`${CN} expires in 30 days, on 2027-12-25. Renew it before then.`);
    expect(t.store.certificates.get(CERT_ID)?.expiry).toEqual({ notifiedDays: [30], expiredNotified: false });
    const chat = await deliver(CHAT, { at: EXPIRE_MS - 29 * DAY });
    expect(kinds(chat)).toEqual(['action: New message from the CA']);
  });

  it('the provider\'s warning sent hours before the exact 30-day mark still counts as the 30-day notification', async () => {
    await deliver('ssl_panel.issued', { at: EXPIRE_MS - 365 * DAY });
    // The provider's daily run at midnight UTC, 30 calendar days before a 20:27 expiry: 30 days and 20 hours ahead.
    const midnight = Date.parse('2027-11-25T00:00:00Z');
    const warning = await deliver('ssl_panel.will_expire_in_30_days', { at: midnight,
      edit: (c) => { c.expireAt = SAMPLE_MAIN_NOT_AFTER; } });
    expect(kinds(warning)).toEqual(['expiring: Certificate expiring']);
    // Later that day a CA message arrives: the user was warned this morning and must not be warned again.
    const chat = await deliver(CHAT, { at: midnight + 21 * HOUR });
    expect(kinds(chat)).toEqual(['action: New message from the CA']);
  });

  it('the provider\'s 30-day warning after the schedule\'s own 30-day notification raises no second one', async () => {
    await deliver('ssl_panel.issued', { at: EXPIRE_MS - 365 * DAY });
    // The hourly check reached the 30-day mark first, a few hours before the provider's daily run.
    const certificate = t.store.certificates.get(CERT_ID)!;
    await t.store.note([], { ...certificate, expiry: { notifiedDays: [30], expiredNotified: false, forExpireAt: certificate.expireAt } });
    const warning = await deliver('ssl_panel.will_expire_in_30_days', { at: EXPIRE_MS - 30 * DAY + 5 * HOUR,
      edit: (c) => { c.expireAt = SAMPLE_MAIN_NOT_AFTER; } });
    expect(kinds(warning)).toEqual([]);
    expect(t.store.certificates.get(CERT_ID)?.expiry).toMatchObject({ notifiedDays: [30], expiredNotified: false });
  });

  it('a delivery for a certificate already within a threshold adds one expiring notification', async () => {
    const issued = await deliver('ssl_panel.issued', { at: EXPIRE_MS - 10 * DAY });
    expect(kinds(issued)).toEqual(['issued: Certificate issued', 'expiring: Certificate expiring']);
    expect(issued.decisions[1]).toMatchObject({ certificateId: CERT_ID, deliveryId: issued.decisions[0].deliveryId,
      body: `${CN} expires in 10 days, on 2027-12-25.` });
    expect(t.store.certificates.get(CERT_ID)?.expiry).toEqual({ notifiedDays: [30, 14], expiredNotified: false });
  });
});
