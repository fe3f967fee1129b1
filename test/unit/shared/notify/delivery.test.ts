import { describe, it, expect } from 'vitest';
import { decideForDelivery, type DeliveryDecisionInput } from '../../../../shared/notify/delivery.ts';
import { EVENT_NAMES } from '../../../../shared/openprovider/events.ts';
import { sampleDelivery, stableId } from '../../../../shared/openprovider/samples.ts';
import type { NotificationDecision } from '../../../../shared/notify/types.ts';

const CN = 'shop.example.com';
const NOW = new Date('2026-03-01T12:00:00Z');

function decide(event: string | null, overrides: Partial<DeliveryDecisionInput> = {}): NotificationDecision {
  const body = sampleDelivery(event ?? 'ping', { deliveryId: 'd-1', commonName: CN, now: NOW });
  const decisions = decideForDelivery({ event, body, deliveryId: 'd-1', certificateId: null, commonName: null, ...overrides });
  expect(decisions).toHaveLength(1);
  return decisions[0];
}

describe('decideForDelivery: the kind, urgency and title of every catalog event', () => {
  const expected: Record<string, [kind: string, urgency: string, title: string]> = {
    'ssl_panel.created': ['info', 'low', 'Certificate created'],
    'ssl_panel.pre_validation.failed': ['failed', 'critical', 'Pre-validation failed'],
    'ssl_panel.pre_validation.successful': ['info', 'low', 'Pre-validation passed'],
    'ssl_panel.requested': ['info', 'low', 'Certificate requested'],
    'ssl_panel.ca_chat.new_message_from_ca': ['action', 'normal', 'New message from the CA'],
    'ssl_panel.issued': ['issued', 'normal', 'Certificate issued'],
    'ssl_panel.will_expire_in_30_days': ['expiring', 'normal', 'Certificate expiring'],
    'ssl_panel.reissue_failed': ['failed', 'critical', 'Reissue failed'],
    'ssl_panel.renew_failed': ['failed', 'critical', 'Renewal failed'],
  };

  it('covers the whole catalog', () => {
    expect(Object.keys(expected).sort()).toEqual([...EVENT_NAMES].sort());
  });

  for (const event of EVENT_NAMES) {
    it(`${event} → ${expected[event][0]}`, () => {
      const d = decide(event, { commonName: CN });
      expect([d.kind, d.urgency, d.title]).toEqual(expected[event]);
      expect(d.deliveryId).toBe('d-1');
      expect(d.commonName).toBe(CN);
      expect(d.body).toContain(CN);
      expect(d.body).toMatch(/^[A-Z0-9a-z].*\.$/);
    });
  }
});

describe('decideForDelivery: unknown events are test notifications', () => {
  it('treats the provider test ping as a test, naming the event and the delivery', () => {
    const d = decide('webhook.test');
    expect(d).toMatchObject({ kind: 'test', urgency: 'low', title: 'Test delivery received', certificateId: null, commonName: null });
    expect(d.body).toBe('Event "webhook.test" was received and stored (delivery d-1).');
  });

  it('treats a delivery without an event as a test', () => {
    const d = decideForDelivery({ event: null, body: {}, deliveryId: 'd-2', certificateId: null, commonName: null })[0];
    expect(d.kind).toBe('test');
    expect(d.body).toBe('A delivery without an event name was received and stored (delivery d-2).');
  });

  it('does not mistake object-prototype names for events', () => {
    expect(decide('constructor').kind).toBe('test');
    expect(decide('toString').kind).toBe('test');
  });

  it('copes with bodies that are not objects', () => {
    for (const body of [null, 'text', 42, [], { data: 'x' }]) {
      const [d] = decideForDelivery({ event: 'ssl_panel.issued', body, deliveryId: 'd', certificateId: null, commonName: null });
      expect(d).toMatchObject({ kind: 'issued', body: 'A certificate was issued.' });
    }
  });
});

describe('decideForDelivery: facts from the input, else from the body', () => {
  it('reads the common name and certificate id from the body when the caller has none', () => {
    const d = decide('ssl_panel.issued');
    expect(d.commonName).toBe(CN);
    expect(d.certificateId).toBe(stableId(`certificate:${CN}`));
  });

  it('prefers what the caller passes', () => {
    const d = decide('ssl_panel.issued', { commonName: 'other.example', certificateId: 'cert-9' });
    expect(d).toMatchObject({ commonName: 'other.example', certificateId: 'cert-9' });
    expect(d.body).toContain('other.example');
  });

  it('names a certificate without a common name by its short id', () => {
    const [d] = decideForDelivery({ event: 'ssl_panel.renew_failed', body: {}, deliveryId: 'd',
      certificateId: '09a704cb-3598-4324-a56f-eaa792f72a23', commonName: null });
    expect(d.body).toBe('The renewal of certificate 09a704cb could not be processed. Check the order in the SSL Panel.');
  });
});

describe('decideForDelivery: issued', () => {
  it('names the common name and the expiry day from the body', () => {
    expect(decide('ssl_panel.issued').body).toBe(`${CN} was issued; it is valid until 2027-12-25.`);
  });

  it('uses the expiry the caller knows (e.g. from the PEM) over none in the body', () => {
    const body = sampleDelivery('ssl_panel.issued', { deliveryId: 'd', commonName: CN });
    (body.data as { certificate: { expireAt: string | null } }).certificate.expireAt = null;
    const [d] = decideForDelivery({ event: 'ssl_panel.issued', body, deliveryId: 'd', certificateId: null,
      commonName: null, expireAt: '2026-09-30T23:59:59Z' });
    expect(d.body).toBe(`${CN} was issued; it is valid until 2026-09-30.`);
  });

  it('leaves the date out when the expiry is unknown or not a date', () => {
    expect(decide('ssl_panel.issued', { expireAt: 'soon' }).body).toContain('valid until 2027-12-25');
    const [d] = decideForDelivery({ event: 'ssl_panel.issued', body: {}, deliveryId: 'd', certificateId: null,
      commonName: CN, expireAt: 'soon' });
    expect(d.body).toBe(`${CN} was issued.`);
  });
});

describe('decideForDelivery: failures', () => {
  it('names the failed validator of a pre-validation', () => {
    expect(decide('ssl_panel.pre_validation.failed').body)
      .toBe(`${CN} did not pass pre-validation: kvk_validator failed.`);
  });

  it('names every failed validator, and only those', () => {
    const body = sampleDelivery('ssl_panel.pre_validation.failed', { deliveryId: 'd', commonName: CN });
    const results = (body.data as { certificate: { preValidationResults: { name: string; status: string }[] } })
      .certificate.preValidationResults;
    results[0].status = 'failed';
    results.push({ name: 'dns_validator', status: 'failed' });
    const [d] = decideForDelivery({ event: 'ssl_panel.pre_validation.failed', body, deliveryId: 'd',
      certificateId: null, commonName: null });
    expect(d.body).toBe(`${CN} did not pass pre-validation: whois_validator, kvk_validator and dns_validator failed.`);
    expect(d.body).not.toContain('phone_number_validator');
  });

  it('still reads well when the results are missing', () => {
    const [d] = decideForDelivery({ event: 'ssl_panel.pre_validation.failed', body: {}, deliveryId: 'd',
      certificateId: null, commonName: CN });
    expect(d.body).toBe(`${CN} did not pass pre-validation.`);
  });

  it('words reissue and renewal failures', () => {
    expect(decide('ssl_panel.reissue_failed').body).toBe(`The reissue of ${CN} could not be processed. Check the order in the SSL Panel.`);
    expect(decide('ssl_panel.renew_failed').body).toBe(`The renewal of ${CN} could not be processed. Check the order in the SSL Panel.`);
  });
});

describe('decideForDelivery: expiring, info', () => {
  it('says the certificate expires in 30 days, with its date', () => {
    expect(decide('ssl_panel.will_expire_in_30_days').body).toBe(`${CN} expires in 30 days, on 2026-03-31. Renew it before then.`);
  });

  it('words the informational events', () => {
    expect(decide('ssl_panel.created').body).toBe(`${CN} was created in the SSL Panel.`);
    expect(decide('ssl_panel.requested').body).toBe(`${CN} was requested at the CA.`);
    expect(decide('ssl_panel.pre_validation.successful').body).toBe(`${CN} passed all pre-validation checks.`);
  });
});

describe('decideForDelivery: message from the CA', () => {
  const chat = (message: unknown, commonName: string | null = null) => decideForDelivery({
    event: 'ssl_panel.ca_chat.new_message_from_ca', body: { data: { message, orderId: 'o-1' } },
    deliveryId: 'd', certificateId: null, commonName })[0];

  it('shows the first line of the sample message', () => {
    const d = decide('ssl_panel.ca_chat.new_message_from_ca');
    expect(d.body).toBe(`We tried to reach the organization for ${CN} via its public number but got no answer.`);
    expect(d.body).not.toContain('Can you tell us');
    expect(d.certificateId).toBeNull();
  });

  it('prefixes the common name when the caller knows the order', () => {
    expect(chat('Please call us.\nThanks', CN).body).toBe(`${CN}: Please call us.`);
  });

  it('skips blank leading lines, trims, and handles Windows line ends', () => {
    expect(chat('\r\n   \r\n  Hello there  \r\nsecond').body).toBe('Hello there');
  });

  it('caps a very long first line with an ellipsis', () => {
    const body = chat('x'.repeat(1000)).body;
    expect(body.length).toBe(200);
    expect(body.endsWith('…')).toBe(true);
  });

  it('says there is a message when it is empty or missing', () => {
    expect(chat('').body).toBe("The CA sent a new message. Open the order's chat to read it.");
    expect(chat(undefined, CN).body).toBe(`The CA sent a new message about ${CN}. Open the order's chat to read it.`);
  });
});
