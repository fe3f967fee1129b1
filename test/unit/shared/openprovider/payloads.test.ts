import { describe, it, expect } from 'vitest';
import { failedValidators, summarizeBody } from '../../../../shared/openprovider/payloads.ts';

// The pre-validation example of seed 004, with the entityId of its header example.
const SEED_PRE_VALIDATION = {
  metadata: {
    version: '1.0.0', delivery: '18bb58bc-2731-4d12-adb7-ec1e4fcc0ac7', event: 'ssl_panel.created', entityId: 192356,
    signature: 'sha256=8aca68f56d115c765cf91c1f2d27a7ef7348b698f8eed80aa2a34056adfee690',
  },
  data: {
    id: '3d8b6599-0794-4c92-b019-ee939395b42a',
    status: 'open',
    certificate: {
      id: '09a704cb-3598-4324-a56f-eaa792f72a23', status: 'open', expireAt: null, operation: 'none',
      commonName: 'openprovider.nl', activatedAt: null, certificates: { main: null, root: null, intermediate: null },
      preValidationStatus: 'failed',
      preValidationResults: [
        { name: 'whois_validator', status: 'passed' },
        { name: 'kvk_validator', status: 'failed' },
        { name: 'phone_number_validator', status: 'passed' },
      ],
      openproviderId: 123456,
    },
  },
};

const SEED_CA_CHAT = {
  metadata: { version: '1.0.0', delivery: '18bb58bc-2731-4d12-adb7-ec1e4fcc0ac7', event: 'ssl_panel.ca_chat.new_message_from_ca' },
  data: {
    date: '2017-12-08T10:51:40+0100',
    message: 'We try to get contact the organization via the public number +111111111 ...',
    orderId: '0111111-1640-41d4-9b69-71600031d266',
    openproviderId: '111111',
  },
};

const NOTHING = { deliveryId: null, event: null, entityId: null, certificateId: null, orderId: null, commonName: null };

describe('summarizeBody', () => {
  it('reads a certificate delivery: ids, event, order and common name', () => {
    expect(summarizeBody(SEED_PRE_VALIDATION)).toEqual({
      deliveryId: '18bb58bc-2731-4d12-adb7-ec1e4fcc0ac7',
      event: 'ssl_panel.created',
      entityId: '192356',
      certificateId: '09a704cb-3598-4324-a56f-eaa792f72a23',
      orderId: '3d8b6599-0794-4c92-b019-ee939395b42a',
      commonName: 'openprovider.nl',
    });
  });

  it('reads the order of a CA chat message from data.orderId', () => {
    expect(summarizeBody(SEED_CA_CHAT)).toEqual({
      ...NOTHING, deliveryId: '18bb58bc-2731-4d12-adb7-ec1e4fcc0ac7', event: 'ssl_panel.ca_chat.new_message_from_ca',
      orderId: '0111111-1640-41d4-9b69-71600031d266',
    });
  });

  it('gives nulls for whatever is missing or of the wrong type', () => {
    for (const body of [null, undefined, 'text', 42, [], [SEED_PRE_VALIDATION], {}, { metadata: [], data: 'x' }]) {
      expect(summarizeBody(body)).toEqual(NOTHING);
    }
    expect(summarizeBody({ metadata: { delivery: { id: 1 }, event: true, entityId: Number.NaN } })).toEqual(NOTHING);
  });

  it('reads a test ping with metadata only', () => {
    expect(summarizeBody({ metadata: { delivery: 'p-1', event: 'ping' } })).toEqual({ ...NOTHING, deliveryId: 'p-1', event: 'ping' });
  });

  it('turns numeric ids into text', () => {
    const summary = summarizeBody({ metadata: { delivery: 7 }, data: { id: 99, certificate: { id: 5, commonName: 'a.b' } } });
    expect(summary).toMatchObject({ deliveryId: '7', orderId: '99', certificateId: '5', commonName: 'a.b' });
  });
});

describe('failedValidators', () => {
  it('names the validators that failed', () => {
    expect(failedValidators(SEED_PRE_VALIDATION)).toEqual(['kvk_validator']);
  });

  it('is empty when every validator passed or there are no results', () => {
    const passed = structuredClone(SEED_PRE_VALIDATION);
    passed.data.certificate.preValidationResults[1].status = 'passed';
    expect(failedValidators(passed)).toEqual([]);
    expect(failedValidators(SEED_CA_CHAT)).toEqual([]);
    expect(failedValidators(null)).toEqual([]);
    expect(failedValidators({ data: { certificate: { preValidationResults: 'failed' } } })).toEqual([]);
  });

  it('skips malformed results', () => {
    const body = { data: { certificate: { preValidationResults: [
      null, 'kvk', { status: 'failed' }, { name: 3, status: 'failed' }, { name: 'dns_validator', status: 'failed' },
    ] } } };
    expect(failedValidators(body)).toEqual(['dns_validator']);
  });
});
