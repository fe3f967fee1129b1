import { describe, it, expect } from 'vitest';
import { EVENT_CATALOG, EVENT_NAMES, eventInfo, isKnownEvent, suggestEvents } from '../../../../shared/openprovider/events.ts';

// The "Available events" list of seed 004, in its order, with its descriptions.
const SEED_EVENTS: [string, string][] = [
  ['ssl_panel.created', 'Occurs whenever a new certificate is created'],
  ['ssl_panel.pre_validation.failed', 'Occurs whenever a validation fails'],
  ['ssl_panel.pre_validation.successful', 'Occurs when all validations have succeeded'],
  ['ssl_panel.requested', 'Occurs whenever a certificate is requested at the CA'],
  ['ssl_panel.ca_chat.new_message_from_ca', 'Occurs whenever the CA has sent new message to the chat'],
  ['ssl_panel.issued', 'Occurs whenever the CA has issued the certificate'],
  ['ssl_panel.will_expire_in_30_days', 'Occurs 30 days before the certificate expires'],
  ['ssl_panel.reissue_failed', 'Occurs whenever a reissue fails to be processed'],
  ['ssl_panel.renew_failed', 'Occurs whenever renewal fails to be processed'],
];

describe('EVENT_CATALOG', () => {
  it('has exactly the nine ssl_panel.* events of the seed, with their descriptions', () => {
    expect(EVENT_CATALOG.map((e) => [e.name, e.description])).toEqual(SEED_EVENTS);
    expect(EVENT_NAMES).toEqual(SEED_EVENTS.map(([name]) => name));
  });

  it('gives every event a distinct, non-empty title', () => {
    const titles = EVENT_CATALOG.map((e) => e.title);
    expect(new Set(titles).size).toBe(9);
    for (const title of titles) expect(title.trim().length).toBeGreaterThan(0);
  });

  it('assigns the payload shapes of the seed examples', () => {
    const shapes = Object.fromEntries(EVENT_CATALOG.map((e) => [e.name, e.shape]));
    expect(shapes).toEqual({
      'ssl_panel.created': 'certificate',
      'ssl_panel.pre_validation.failed': 'pre_validation',
      'ssl_panel.pre_validation.successful': 'pre_validation',
      'ssl_panel.requested': 'certificate',
      'ssl_panel.ca_chat.new_message_from_ca': 'ca_chat',
      'ssl_panel.issued': 'certificate',
      'ssl_panel.will_expire_in_30_days': 'certificate',
      'ssl_panel.reissue_failed': 'certificate',
      'ssl_panel.renew_failed': 'certificate',
    });
  });
});

describe('eventInfo and isKnownEvent', () => {
  it('look up every catalog event', () => {
    for (const [name, description] of SEED_EVENTS) {
      expect(eventInfo(name)?.description).toBe(description);
      expect(isKnownEvent(name)).toBe(true);
    }
  });

  it('do not know other names, such as the seed header example or a test ping', () => {
    for (const name of ['ssl.created', 'ping', 'SSL_PANEL.ISSUED', 'ssl_panel.*', '*', '', null, undefined]) {
      expect(eventInfo(name)).toBeUndefined();
      expect(isKnownEvent(name)).toBe(false);
    }
  });
});

describe('suggestEvents', () => {
  it('finds the known event a short name, another spelling or a typo meant', () => {
    expect(suggestEvents('issued')).toEqual(['ssl_panel.issued']);
    expect(suggestEvents('ISSUED')).toEqual(['ssl_panel.issued']);
    expect(suggestEvents('ssl_panel.isued')).toEqual(['ssl_panel.issued']);
    expect(suggestEvents('renew-failed')).toEqual(['ssl_panel.renew_failed']);
    expect(suggestEvents('will_expire')).toEqual(['ssl_panel.will_expire_in_30_days']);
    expect(suggestEvents('failed')).toEqual(['ssl_panel.pre_validation.failed', 'ssl_panel.reissue_failed', 'ssl_panel.renew_failed']);
  });

  it('suggests nothing for a known name or one far from every known name (a test ping)', () => {
    for (const name of [...EVENT_NAMES, 'ping', 'test', 'certbell.test', 'hello']) expect(suggestEvents(name), name).toEqual([]);
  });
});
