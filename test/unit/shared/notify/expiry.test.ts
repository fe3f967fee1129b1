import { describe, it, expect } from 'vitest';
import { EMPTY_EXPIRY_STATE, daysLeft, expiryDecision, normalizeThresholds } from '../../../../shared/notify/expiry.ts';
import { DAY_MS } from '../../../../shared/time/day.ts';
import type { ExpiryFacts, ExpiryState, NotificationDecision } from '../../../../shared/notify/types.ts';

const EXPIRE_AT = '2026-06-15T09:30:00.000Z';
const EXPIRE_MS = Date.parse(EXPIRE_AT);
const FACTS: ExpiryFacts = { certificateId: 'cert-1', commonName: 'example.com', expireAt: EXPIRE_AT };
const DEFAULT = [30, 14, 7, 3, 1];
const HOUR_MS = 3_600_000;

/** Runs the schedule over the given instants and returns [instant, decision] for each notification raised. */
function run(times: number[], thresholds = DEFAULT, facts = FACTS, start: ExpiryState = EMPTY_EXPIRY_STATE) {
  let state = start;
  const raised: { at: number; decision: NotificationDecision }[] = [];
  for (const at of times) {
    const result = expiryDecision(facts, state, thresholds, at);
    state = result.state;
    if (result.decision) raised.push({ at, decision: result.decision });
  }
  return { raised, state };
}

/** Instants `offsetMs` after each day from `fromDay` to `toDay` days relative to the expiry. */
function days(fromDay: number, toDay: number, offsetMs = 0): number[] {
  const out: number[] = [];
  for (let d = fromDay; d <= toDay; d++) out.push(EXPIRE_MS + d * DAY_MS + offsetMs);
  return out;
}

const dayOf = (at: number) => Math.round((at - EXPIRE_MS) / DAY_MS);

describe('daysLeft', () => {
  it('rounds up to whole days, so the last day counts as 1 and the expiry instant as 0', () => {
    expect(daysLeft(EXPIRE_MS, EXPIRE_MS - 7 * DAY_MS)).toBe(7);
    expect(daysLeft(EXPIRE_MS, EXPIRE_MS - 6.2 * DAY_MS)).toBe(7);
    expect(daysLeft(EXPIRE_MS, EXPIRE_MS - 7 * DAY_MS - 1)).toBe(8);
    expect(daysLeft(EXPIRE_MS, EXPIRE_MS - 1)).toBe(1);
    expect(daysLeft(EXPIRE_MS, EXPIRE_MS)).toBe(0);
    expect(daysLeft(EXPIRE_MS, EXPIRE_MS + 5 * DAY_MS)).toBe(-5);
  });
});

describe('normalizeThresholds', () => {
  it('sorts loosest first, drops duplicates and anything that is not a positive whole day', () => {
    expect(normalizeThresholds([1, 7, 30, 7, 3, 14, 1])).toEqual([30, 14, 7, 3, 1]);
    expect(normalizeThresholds([0, -3, 2.5, Number.NaN, 5])).toEqual([5]);
  });
});

describe('expiryDecision: day by day from 40 days before to 2 days after the expiry', () => {
  it('raises 30, 14, 7, 3, 1 days and expired, each exactly once, on the right day', () => {
    const { raised, state } = run(days(-40, 2));
    expect(raised.map((r) => [dayOf(r.at), r.decision.body])).toEqual([
      [-30, 'example.com expires in 30 days, on 2026-06-15.'],
      [-14, 'example.com expires in 14 days, on 2026-06-15.'],
      [-7, 'example.com expires in 7 days, on 2026-06-15.'],
      [-3, 'example.com expires in 3 days, on 2026-06-15.'],
      [-1, 'example.com expires in 1 day, on 2026-06-15.'],
      [0, 'example.com expired on 2026-06-15. Renew or replace it.'],
    ]);
    expect(state).toEqual({ notifiedDays: [30, 14, 7, 3, 1], expiredNotified: true, forExpireAt: EXPIRE_AT });
  });

  it('gives each notification the expiring kind, the certificate, normal urgency, and critical once expired', () => {
    const { raised } = run(days(-40, 2));
    for (const { decision } of raised) {
      expect(decision).toMatchObject({ kind: 'expiring', certificateId: 'cert-1', deliveryId: null, commonName: 'example.com' });
    }
    expect(raised.map((r) => r.decision.urgency)).toEqual(['normal', 'normal', 'normal', 'normal', 'normal', 'critical']);
    expect(raised.map((r) => r.decision.title)).toEqual([
      ...Array(5).fill('Certificate expiring'), 'Certificate expired']);
  });

  it('fires a threshold the first check after it is crossed, when checks are not on the hour of expiry', () => {
    const { raised } = run(days(-40, 2, 5 * HOUR_MS));
    // 5 hours after the daily mark, 29.8 days are left: rounded up that is 30.
    expect(raised.map((r) => dayOf(r.at - 5 * HOUR_MS))).toEqual([-30, -14, -7, -3, -1, 0]);
    expect(raised[0].decision.body).toBe('example.com expires in 30 days, on 2026-06-15.');
  });

  it('stays silent when checked hourly as well: still once per threshold', () => {
    const hourly: number[] = [];
    for (let at = EXPIRE_MS - 40 * DAY_MS; at <= EXPIRE_MS + 2 * DAY_MS; at += HOUR_MS) hourly.push(at);
    expect(run(hourly).raised).toHaveLength(6);
  });
});

describe('expiryDecision: a certificate first seen late', () => {
  it('at 5 days left raises one notification (for 7, the tightest passed), then 3, 1 and expired', () => {
    const first = expiryDecision(FACTS, EMPTY_EXPIRY_STATE, DEFAULT, EXPIRE_MS - 5 * DAY_MS);
    expect(first.decision?.body).toBe('example.com expires in 5 days, on 2026-06-15.');
    expect(first.state.notifiedDays).toEqual([30, 14, 7]);
    const { raised } = run(days(-4, 2), DEFAULT, FACTS, first.state);
    expect(raised.map((r) => dayOf(r.at))).toEqual([-3, -1, 0]);
  });

  it('never raises the looser thresholds afterwards', () => {
    const first = expiryDecision(FACTS, EMPTY_EXPIRY_STATE, DEFAULT, EXPIRE_MS - 5 * DAY_MS);
    const again = expiryDecision(FACTS, first.state, DEFAULT, EXPIRE_MS - 4 * DAY_MS);
    expect(again.decision).toBeNull();
  });

  it('first seen already expired: one "expired" notification and nothing more', () => {
    const { raised, state } = run(days(3, 10));
    expect(raised.map((r) => r.decision.title)).toEqual(['Certificate expired']);
    expect(state.notifiedDays).toEqual([30, 14, 7, 3, 1]);
  });

  it('catches up once after the app was off across several thresholds', () => {
    const { raised } = run([EXPIRE_MS - 20 * DAY_MS, EXPIRE_MS - 2 * DAY_MS, EXPIRE_MS - 1.5 * DAY_MS]);
    expect(raised.map((r) => r.decision.body)).toEqual([
      'example.com expires in 20 days, on 2026-06-15.',
      'example.com expires in 2 days, on 2026-06-15.',
    ]);
  });

  it('raises nothing while more days are left than the loosest threshold', () => {
    expect(run(days(-365, -31)).raised).toEqual([]);
  });
});

describe('expiryDecision: thresholds from settings', () => {
  it('follows custom thresholds', () => {
    expect(run(days(-100, 1), [60, 10]).raised.map((r) => dayOf(r.at))).toEqual([-60, -10, 0]);
  });

  it('accepts unsorted and duplicated thresholds as if they were clean', () => {
    const messy = run(days(-40, 2), [7, 1, 30, 3, 14, 7, 30]).raised.map((r) => [r.at, r.decision.body]);
    expect(messy).toEqual(run(days(-40, 2)).raised.map((r) => [r.at, r.decision.body]));
  });

  it('with no thresholds still says when the certificate expired', () => {
    expect(run(days(-40, 2), []).raised.map((r) => dayOf(r.at))).toEqual([0]);
  });

  it('a threshold added later that is already passed counts as passed, not as new', () => {
    const before = run(days(-40, -10)).state;
    expect(before.notifiedDays).toEqual([30, 14]);
    const after = run(days(-9, -5), [30, 20, 14, 7, 3, 1], FACTS, before);
    expect(after.raised.map((r) => dayOf(r.at))).toEqual([-7]);
  });

  it('a tighter threshold added later that is already passed is still notified, once', () => {
    const before = run(days(-40, -12), [30]).state;
    const after = run(days(-11, -8), [30, 20, 14], FACTS, before);
    expect(after.raised.map((r) => [dayOf(r.at), r.decision.body])).toEqual([
      [-11, 'example.com expires in 11 days, on 2026-06-15.'],
    ]);
  });
});

describe('expiryDecision: facts', () => {
  it('raises nothing and keeps the state without an expiry date, or with one that is not a date', () => {
    for (const expireAt of [null, 'not a date']) {
      const result = expiryDecision({ ...FACTS, expireAt }, EMPTY_EXPIRY_STATE, DEFAULT, EXPIRE_MS);
      expect(result).toEqual({ decision: null, state: EMPTY_EXPIRY_STATE });
    }
  });

  it('starts over when the certificate is renewed with a new expiry', () => {
    const old = run(days(-40, -1)).state;
    const renewed = { ...FACTS, expireAt: '2027-06-15T09:30:00.000Z' };
    const next = Date.parse(renewed.expireAt);
    const result = run([EXPIRE_MS - DAY_MS / 2, next - 300 * DAY_MS, next - 30 * DAY_MS], DEFAULT, renewed, old);
    expect(result.raised.map((r) => r.decision.body)).toEqual(['example.com expires in 30 days, on 2027-06-15.']);
  });

  it('keeps the marks when the same expiry arrives in another ISO spelling', () => {
    const old = run(days(-40, -10)).state;
    const sameInstant = { ...FACTS, expireAt: '2026-06-15T11:30:00+02:00' };
    expect(run(days(-9, -8), DEFAULT, sameInstant, old).raised).toEqual([]);
  });

  it('treats stored state without forExpireAt as made for the current expiry', () => {
    const legacy: ExpiryState = { notifiedDays: [30, 14], expiredNotified: false };
    expect(expiryDecision(FACTS, legacy, DEFAULT, EXPIRE_MS - 10 * DAY_MS).decision).toBeNull();
  });

  it('names a certificate without common name by its short id', () => {
    const facts = { certificateId: '09a704cb-3598-4324', commonName: null, expireAt: EXPIRE_AT };
    expect(expiryDecision(facts, EMPTY_EXPIRY_STATE, DEFAULT, EXPIRE_MS + 1).decision?.body)
      .toBe('Certificate 09a704cb expired on 2026-06-15. Renew or replace it.');
  });

  it('does not change the state passed in', () => {
    const state: ExpiryState = { notifiedDays: [], expiredNotified: false, forExpireAt: EXPIRE_AT };
    expiryDecision(FACTS, state, DEFAULT, EXPIRE_MS - 5 * DAY_MS);
    expect(state).toEqual({ notifiedDays: [], expiredNotified: false, forExpireAt: EXPIRE_AT });
  });
});
