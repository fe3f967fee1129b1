import { describe, it, expect } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { EVENT_CATALOG, failedValidators, mapStatus, sampleDelivery, stableId, summarizeBody } from '../../../../shared/openprovider/index.ts';
import type { CaChatEventData, CertificateEventData } from '../../../../shared/openprovider/payloads.ts';
import { SAMPLE_MAIN_NOT_AFTER } from '../../../../shared/openprovider/sample-chain.ts';
import { DAY_MS } from '../../../../shared/time/day.ts';

const NOW = new Date('2026-03-15T09:30:00.000Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/;

function sample(event: string, commonName = 'shop.example.org') {
  return sampleDelivery(event, { deliveryId: `id-${event}`, commonName, now: NOW });
}

const certificateEvents = EVENT_CATALOG.filter((e) => e.shape !== 'ca_chat').map((e) => e.name);

describe('sampleDelivery: every catalog event', () => {
  it.each(EVENT_CATALOG.map((e) => e.name))('%s carries metadata and survives JSON', (event) => {
    const delivery = sample(event);
    expect(delivery.metadata).toEqual({ version: '1.0.0', delivery: `id-${event}`, event });
    expect(JSON.parse(JSON.stringify(delivery))).toEqual(delivery);
    expect(summarizeBody(delivery)).toMatchObject({ deliveryId: `id-${event}`, event });
  });

  it.each(certificateEvents)('%s has an order with a certificate whose status maps to an API status', (event) => {
    const data = sample(event).data as CertificateEventData;
    expect(data.id).toMatch(UUID);
    expect(data.certificate.id).toMatch(UUID);
    expect(data.certificate.commonName).toBe('shop.example.org');
    expect(Object.keys(data.certificate.certificates).sort()).toEqual(['intermediate', 'main', 'root']);
    expect(mapStatus(data.status, data.certificate.status, data.certificate.operation)).toBeDefined();
  });
});

describe('sampleDelivery: shapes', () => {
  it('gives pre-validation events their validator results', () => {
    const failed = sample('ssl_panel.pre_validation.failed').data as CertificateEventData;
    expect(failed.certificate.preValidationStatus).toBe('failed');
    expect(failed.certificate.preValidationResults?.map((r) => r.name))
      .toEqual(['whois_validator', 'kvk_validator', 'phone_number_validator']);
    expect(failedValidators(sample('ssl_panel.pre_validation.failed'))).toEqual(['kvk_validator']);
    const passed = sample('ssl_panel.pre_validation.successful').data as CertificateEventData;
    expect(passed.certificate.preValidationStatus).toBe('passed');
    expect(failedValidators(sample('ssl_panel.pre_validation.successful'))).toEqual([]);
  });

  it('gives other certificate events no validator results', () => {
    for (const event of ['ssl_panel.created', 'ssl_panel.issued', 'ssl_panel.renew_failed']) {
      expect((sample(event).data as CertificateEventData).certificate).not.toHaveProperty('preValidationResults');
    }
  });

  it('gives a CA chat message its text and order, and no certificate', () => {
    const delivery = sample('ssl_panel.ca_chat.new_message_from_ca');
    const data = delivery.data as CaChatEventData;
    expect(data.message).toContain('shop.example.org');
    expect(data.orderId).toMatch(UUID);
    expect(data.date).toBe(NOW.toISOString());
    expect(data).not.toHaveProperty('certificate');
    expect(summarizeBody(delivery)).toMatchObject({ orderId: data.orderId, certificateId: null, commonName: null });
  });

  it('gives an issued certificate a real PEM chain: main, intermediate and root', () => {
    const { certificate } = sample('ssl_panel.issued', 'example.com').data as CertificateEventData;
    expect(certificate.status).toBe('active');
    const { main, intermediate, root } = certificate.certificates;
    for (const pem of [main, intermediate, root]) {
      expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    }
    const leaf = new X509Certificate(main!);
    const ca = new X509Certificate(intermediate!);
    const top = new X509Certificate(root!);
    expect(leaf.subject).toContain('CN=example.com');
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(ca.checkIssued(top)).toBe(true);
    expect(new Date(leaf.validTo).toISOString()).toBe(SAMPLE_MAIN_NOT_AFTER);
    expect(certificate.expireAt).toBe(SAMPLE_MAIN_NOT_AFTER);
    expect(certificate.activatedAt).toBe(NOW.toISOString());
  });

  it('gives certificates before issuance no files and no dates', () => {
    for (const event of ['ssl_panel.created', 'ssl_panel.requested', 'ssl_panel.pre_validation.failed']) {
      const { certificate } = sample(event).data as CertificateEventData;
      expect(certificate.certificates).toEqual({ main: null, intermediate: null, root: null });
      expect(certificate.expireAt).toBeNull();
      expect(certificate.activatedAt).toBeNull();
    }
    expect((sample('ssl_panel.requested').data as CertificateEventData).certificate)
      .toMatchObject({ status: 'requested', operation: 'request' });
  });

  it('makes a certificate that will expire expire 30 days from now', () => {
    const { certificate } = sample('ssl_panel.will_expire_in_30_days').data as CertificateEventData;
    expect(Date.parse(certificate.expireAt!) - NOW.getTime()).toBe(30 * DAY_MS);
    expect(certificate.status).toBe('active');
  });

  it('gives an unknown event, such as a test ping, a minimal body', () => {
    const delivery = sampleDelivery('ping', { deliveryId: 'p', now: NOW });
    expect(delivery).toEqual({
      metadata: { version: '1.0.0', delivery: 'p', event: 'ping' },
      data: { message: 'Test ping', sentAt: NOW.toISOString() },
    });
  });

  it('uses example.com when no common name is given', () => {
    const data = sampleDelivery('ssl_panel.created', { deliveryId: 'x' }).data as CertificateEventData;
    expect(data.certificate.commonName).toBe('example.com');
  });
});

describe('stableId', () => {
  it('is a UUID-shaped id that depends only on the text', () => {
    expect(stableId('certificate:a.example')).toMatch(UUID);
    expect(stableId('certificate:a.example')).toBe(stableId('certificate:a.example'));
    expect(stableId('certificate:a.example')).not.toBe(stableId('certificate:b.example'));
    expect(stableId('')).toMatch(UUID);
  });

  it('lets the samples of one common name share their certificate and order', () => {
    const ids = EVENT_CATALOG.map((e) => summarizeBody(sample(e.name, 'same.example')));
    expect(new Set(ids.map((s) => s.orderId)).size).toBe(1);
    expect(new Set(ids.map((s) => s.certificateId).filter(Boolean)).size).toBe(1);
    const other = summarizeBody(sample('ssl_panel.issued', 'other.example'));
    expect(other.certificateId).not.toBe(ids[0].certificateId);
  });
});
