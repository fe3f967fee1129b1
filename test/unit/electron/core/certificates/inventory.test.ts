// SPEC §6: how a certificate's inventory entry follows the deliveries the provider sends for it,
// in order, out of order (late retries), across a renewal, and for CA chat messages.
import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../../../electron/core/certificates/certificate-types.ts';
import { certificateIdOf, mergeCertificate, orderIdOf, pemNotAfter, touchCertificate, type InventoryInput } from '../../../../../electron/core/certificates/inventory.ts';
import { SAMPLE_INTERMEDIATE_PEM, SAMPLE_MAIN_NOT_AFTER, SAMPLE_MAIN_PEM } from '../../../../../shared/openprovider/sample-chain.ts';
import { sampleDelivery, stableId } from '../../../../../shared/openprovider/samples.ts';

const CN = 'shop.example.org';
const CERT_ID = stableId(`certificate:${CN}`);
const ORDER_ID = stableId(`order:${CN}`);
const T0 = Date.parse('2026-06-01T12:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const EXPIRE_MS = Date.parse(SAMPLE_MAIN_NOT_AFTER);

type Body = ReturnType<typeof sampleDelivery>;
type CertificateBody = { data: { id: string; certificate: Record<string, unknown> } };

/** A delivery first received `minute` minutes after T0, processed at `processedAt` (default: then). */
function delivery(event: string, minute: number, options: { body?: Body; deliveryId?: string; processedAt?: number } = {}): InventoryInput {
  const at = T0 + minute * MINUTE;
  const deliveryId = options.deliveryId ?? `${event}@${minute}`;
  return { event, deliveryId, eventAt: at, now: options.processedAt ?? at,
    parsed: options.body ?? sampleDelivery(event, { deliveryId, commonName: CN, now: new Date(at) }) };
}

/** A sample body with its certificate object edited. */
function edited(event: string, change: (certificate: Record<string, unknown>) => void, now = new Date(T0)): Body {
  const body = structuredClone(sampleDelivery(event, { deliveryId: 'edited', commonName: CN, now })) as Body & CertificateBody;
  change(body.data.certificate);
  return body;
}

/** The record after each delivery, applied in the given order as the processor would. */
function fold(inputs: InventoryInput[], start: CertificateRecord | null = null): CertificateRecord[] {
  const steps: CertificateRecord[] = [];
  let current = start;
  for (const input of inputs) {
    current = mergeCertificate(current, input);
    if (!current) throw new Error(`${input.event} carried no certificate`);
    steps.push(current);
  }
  return steps;
}

const issuedRecord = () => fold([delivery('ssl_panel.created', 0), delivery('ssl_panel.issued', 40)])[1];

describe('a certificate followed through its life', () => {
  const steps = fold([
    delivery('ssl_panel.created', 0),
    delivery('ssl_panel.pre_validation.failed', 10),
    delivery('ssl_panel.pre_validation.successful', 20),
    delivery('ssl_panel.requested', 30),
    delivery('ssl_panel.issued', 40),
  ]);
  const [created, failed, passed, requested, issued] = steps;

  it('is created open, with its common name and order, and no expiry yet', () => {
    expect(created).toMatchObject({ id: CERT_ID, commonName: CN, orderId: ORDER_ID, orderStatus: 'open', status: 'open',
      operation: 'none', expireAt: null, activatedAt: null, failedValidators: [], lastEvent: 'ssl_panel.created',
      lastDelivery: 'ssl_panel.created@0', updatedAt: T0 });
  });

  it('names the failed validator, and clears it when pre-validation passes', () => {
    expect(failed).toMatchObject({ preValidationStatus: 'failed', failedValidators: ['kvk_validator'], status: 'open',
      lastEvent: 'ssl_panel.pre_validation.failed' });
    expect(passed).toMatchObject({ preValidationStatus: 'passed', failedValidators: [],
      lastEvent: 'ssl_panel.pre_validation.successful' });
  });

  it('is requested at the CA, then active with its expiry and activation once issued', () => {
    expect(requested).toMatchObject({ status: 'requested', operation: 'request', expireAt: null, lastEvent: 'ssl_panel.requested' });
    expect(issued).toMatchObject({ status: 'active', operation: 'none', orderStatus: 'open', expireAt: SAMPLE_MAIN_NOT_AFTER,
      activatedAt: new Date(T0 + 40 * MINUTE).toISOString(), lastEvent: 'ssl_panel.issued', updatedAt: T0 + 40 * MINUTE });
    expect(steps.map((s) => s.id)).toEqual(Array(5).fill(CERT_ID));
  });

  it('keeps its expiry and expiry marks when the provider warns 30 days ahead', () => {
    const at = EXPIRE_MS - 30 * DAY;
    const warned = { ...issued, expiry: { notifiedDays: [30], expiredNotified: false } };
    const input: InventoryInput = { event: 'ssl_panel.will_expire_in_30_days', deliveryId: 'warn-1', eventAt: at, now: at,
      parsed: sampleDelivery('ssl_panel.will_expire_in_30_days', { deliveryId: 'warn-1', commonName: CN, now: new Date(at) }) };
    expect(mergeCertificate(warned, input)).toMatchObject({ status: 'active', expireAt: SAMPLE_MAIN_NOT_AFTER,
      lastEvent: 'ssl_panel.will_expire_in_30_days', lastDelivery: 'warn-1', expiry: { notifiedDays: [30], expiredNotified: false } });
  });
});

describe('expireAt from the certificate itself', () => {
  it('reads notAfter of a PEM certificate, and nothing from what is not one', () => {
    expect(pemNotAfter(SAMPLE_MAIN_PEM)).toBe(SAMPLE_MAIN_NOT_AFTER);
    expect(pemNotAfter(SAMPLE_INTERMEDIATE_PEM)).toBe('2036-11-20T20:27:28.000Z');
    for (const bad of [null, 42, '', 'not a certificate', '-----BEGIN CERTIFICATE-----\nbm90IGRlcg==\n-----END CERTIFICATE-----\n']) {
      expect(pemNotAfter(bad)).toBeNull();
    }
  });

  it('falls back to the main certificate\'s notAfter when the delivery leaves expireAt null', () => {
    const body = edited('ssl_panel.issued', (c) => { c.expireAt = null; });
    const [record] = fold([delivery('ssl_panel.issued', 40, { body })]);
    expect(record).toMatchObject({ status: 'active', expireAt: SAMPLE_MAIN_NOT_AFTER });
  });

  it('prefers the expireAt the delivery states, and stays empty when there is neither', () => {
    const stated = edited('ssl_panel.issued', (c) => { c.expireAt = '2027-12-20T00:00:00.000Z'; });
    expect(fold([delivery('ssl_panel.issued', 40, { body: stated })])[0].expireAt).toBe('2027-12-20T00:00:00.000Z');
    const neither = edited('ssl_panel.issued', (c) => { c.expireAt = null; c.certificates = { main: null, intermediate: null, root: null }; });
    expect(fold([delivery('ssl_panel.issued', 40, { body: neither })])[0].expireAt).toBeNull();
  });
});

describe('late retries: an older delivery arriving after a newer one', () => {
  it('does not roll the status or last event back', () => {
    const [, late] = fold([delivery('ssl_panel.issued', 40), delivery('ssl_panel.requested', 30, { processedAt: T0 + 90 * MINUTE })]);
    expect(late).toMatchObject({ status: 'active', operation: 'none', expireAt: SAMPLE_MAIN_NOT_AFTER,
      lastEvent: 'ssl_panel.issued', lastDelivery: 'ssl_panel.issued@40', eventAt: T0 + 40 * MINUTE, updatedAt: T0 + 90 * MINUTE });
  });

  it('does not bring back a validator that failed before pre-validation passed', () => {
    const [, late] = fold([delivery('ssl_panel.pre_validation.successful', 20),
      delivery('ssl_panel.pre_validation.failed', 10, { processedAt: T0 + 90 * MINUTE })]);
    expect(late).toMatchObject({ preValidationStatus: 'passed', failedValidators: [], lastEvent: 'ssl_panel.pre_validation.successful' });
  });

  it('fills in what the newer deliveries did not say', () => {
    const renewing = edited('ssl_panel.requested', (c) => { c.operation = 'renew'; delete c.commonName; });
    const warning = sampleDelivery('ssl_panel.will_expire_in_30_days', { deliveryId: 'warn', commonName: CN, now: new Date(T0) });
    const [first, late] = fold([delivery('ssl_panel.requested', 30, { body: renewing }),
      delivery('ssl_panel.will_expire_in_30_days', 20, { body: warning, processedAt: T0 + 90 * MINUTE })]);
    expect(first).toMatchObject({ commonName: null, expireAt: null, activatedAt: null });
    expect(late).toMatchObject({ status: 'requested', operation: 'renew', lastEvent: 'ssl_panel.requested', commonName: CN,
      expireAt: new Date(T0 + 30 * DAY).toISOString(), activatedAt: new Date(T0 - 335 * DAY).toISOString() });
  });
});

describe('expiry marks across a renewal', () => {
  const marked = () => ({ ...issuedRecord(), expiry: { notifiedDays: [30, 14], expiredNotified: false } });
  const renewed = edited('ssl_panel.issued', (c) => { c.expireAt = '2028-12-25T20:27:28.000Z'; });

  it('starts the expiry marks afresh when a newer delivery brings a new expireAt', () => {
    const [after] = fold([delivery('ssl_panel.issued', 60, { body: renewed })], marked());
    expect(after).toMatchObject({ expireAt: '2028-12-25T20:27:28.000Z', expiry: { notifiedDays: [], expiredNotified: false } });
  });

  it('keeps them when a delivery restates the same expireAt', () => {
    const [after] = fold([delivery('ssl_panel.renew_failed', 60)], marked());
    expect(after).toMatchObject({ expireAt: SAMPLE_MAIN_NOT_AFTER, lastEvent: 'ssl_panel.renew_failed',
      expiry: { notifiedDays: [30, 14], expiredNotified: false } });
  });

  it('keeps them when the same instant is written differently (the provider\'s +0100 style)', () => {
    // 21:27:28+0100 is 20:27:28Z, the notAfter of the main PEM that gave the stored expireAt.
    const sameInstant = edited('ssl_panel.renew_failed', (c) => { c.expireAt = '2027-12-25T21:27:28+0100'; });
    const [after] = fold([delivery('ssl_panel.renew_failed', 60, { body: sameInstant })], marked());
    expect(Date.parse(after.expireAt!)).toBe(EXPIRE_MS);
    expect(after.expiry).toEqual({ notifiedDays: [30, 14], expiredNotified: false });
  });

  it('ignores an older expireAt from a late retry of the previous certificate', () => {
    const current = fold([delivery('ssl_panel.issued', 60, { body: renewed })], marked())[0];
    const [after] = fold([delivery('ssl_panel.issued', 40, { processedAt: T0 + 90 * MINUTE })],
      { ...current, expiry: { notifiedDays: [30], expiredNotified: false } });
    expect(after).toMatchObject({ expireAt: '2028-12-25T20:27:28.000Z', expiry: { notifiedDays: [30], expiredNotified: false } });
  });
});

describe('CA chat messages (no certificate object)', () => {
  const chat = (minute: number, processedAt?: number): InventoryInput => delivery('ssl_panel.ca_chat.new_message_from_ca', minute, { processedAt });

  it('are not a certificate of their own, but name the order', () => {
    const input = chat(50);
    expect(mergeCertificate(issuedRecord(), input)).toBeNull();
    expect(mergeCertificate(null, input)).toBeNull();
    expect(certificateIdOf(input.parsed)).toBeNull();
    expect(orderIdOf(input.parsed)).toBe(ORDER_ID);
    expect(orderIdOf(delivery('ssl_panel.issued', 40).parsed)).toBe(ORDER_ID);
  });

  it('touch the certificate of their order: last event and delivery, nothing else', () => {
    const before = issuedRecord();
    const after = touchCertificate(before, chat(50));
    expect(after).toEqual({ ...before, lastEvent: 'ssl_panel.ca_chat.new_message_from_ca',
      lastDelivery: 'ssl_panel.ca_chat.new_message_from_ca@50', eventAt: T0 + 50 * MINUTE, updatedAt: T0 + 50 * MINUTE });
  });

  it('arriving late, leave the last event as it was', () => {
    const before = issuedRecord();
    const after = touchCertificate(before, chat(20, T0 + 90 * MINUTE));
    expect(after).toEqual({ ...before, updatedAt: T0 + 90 * MINUTE });
  });

  it('are ignored alongside other bodies that carry no certificate', () => {
    for (const parsed of [null, 'text', [], {}, { data: null }, sampleDelivery('ping', { deliveryId: 'p' })]) {
      expect(mergeCertificate(issuedRecord(), { event: 'ping', parsed, deliveryId: 'p', eventAt: T0, now: T0 })).toBeNull();
    }
  });
});
