import { describe, it, expect } from 'vitest';
import { INITIAL_SECURITY_GATE, SECURITY_INTERVAL_MS, securityDecision, securityGate, securityGateOpensAt } from '../../../../shared/notify/security.ts';
import type { SecurityGateState } from '../../../../shared/notify/types.ts';

const T0 = Date.parse('2026-03-01T14:03:00Z');
const MIN = 60_000;

describe('securityDecision', () => {
  it('says how many deliveries were rejected for their signature, and since when', () => {
    const d = securityDecision(3, '2026-03-01T14:03:27.123Z');
    expect(d).toMatchObject({ kind: 'security', title: 'Deliveries rejected', urgency: 'normal',
      certificateId: null, deliveryId: null, commonName: null });
    expect(d.body).toBe('3 deliveries were rejected for their signature since 2026-03-01 14:03 UTC. '
      + 'Check the secrets, or whether someone else is calling the webhook.');
  });

  it('uses the singular for one rejection', () => {
    expect(securityDecision(1, '2026-03-01T14:03:00Z').body)
      .toMatch(/^1 delivery was rejected for its signature since 2026-03-01 14:03 UTC\./);
  });

  it('converts other offsets to UTC, and keeps a since it cannot read as it is', () => {
    expect(securityDecision(2, '2026-03-01T16:03:00+02:00').body).toContain('since 2026-03-01 14:03 UTC');
    expect(securityDecision(2, 'a while').body).toContain('since a while.');
  });
});

/** Feeds rejections (times in minutes after T0; 0 rejections = a timer check) and collects what is shown. */
function simulate(events: [minute: number, rejections?: number][]) {
  let state: SecurityGateState = INITIAL_SECURITY_GATE;
  const shown: { minute: number; count: number; sinceMinute: number }[] = [];
  for (const [minute, rejections = 1] of events) {
    const result = securityGate(state, T0 + minute * MIN, SECURITY_INTERVAL_MS, rejections);
    state = result.state;
    if (result.show) shown.push({ minute, count: result.count, sinceMinute: (result.since! - T0) / MIN });
    else expect([result.count, result.since]).toEqual([0, null]);
  }
  return { shown, state };
}

describe('securityGate: at most one per 10 minutes, with a count', () => {
  it('shows the first rejection at once', () => {
    const result = securityGate(INITIAL_SECURITY_GATE, T0);
    expect(result).toEqual({ show: true, count: 1, since: T0, state: { lastShownAt: T0, pending: 0, pendingSince: null } });
  });

  it('counts rejections while closed and reports them, since the first of them, in the next one', () => {
    const { shown, state } = simulate([[0], [1], [2], [5], [9], [10], [11], [25]]);
    expect(shown).toEqual([
      { minute: 0, count: 1, sinceMinute: 0 },
      { minute: 10, count: 4 + 1, sinceMinute: 1 },
      { minute: 25, count: 2, sinceMinute: 11 },
    ]);
    expect(state).toEqual({ lastShownAt: T0 + 25 * MIN, pending: 0, pendingSince: null });
  });

  it('a steady flood of one rejection a minute for an hour gives one notification per 10 minutes', () => {
    const minutes: [number][] = Array.from({ length: 60 }, (_, m) => [m]);
    const { shown, state } = simulate(minutes);
    expect(shown.map((s) => s.minute)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(shown.map((s) => s.count)).toEqual([1, 10, 10, 10, 10, 10]);
    expect(state.pending).toBe(9);
    expect(shown.reduce((n, s) => n + s.count, 0) + state.pending).toBe(60);
  });

  it('a timer check (0 rejections) reports pending ones once the gate opens, and is silent otherwise', () => {
    const { shown } = simulate([[0], [3], [4], [8, 0], [10, 0], [11, 0], [30, 0]]);
    expect(shown).toEqual([
      { minute: 0, count: 1, sinceMinute: 0 },
      { minute: 10, count: 2, sinceMinute: 3 },
    ]);
  });

  it('says when pending rejections may be reported, for a timer', () => {
    expect(securityGateOpensAt(INITIAL_SECURITY_GATE)).toBeNull();
    const after = simulate([[0], [3]]).state;
    expect(securityGateOpensAt(after)).toBe(T0 + 10 * MIN);
    expect(securityGateOpensAt(after, 5 * MIN)).toBe(T0 + 5 * MIN);
    expect(securityGateOpensAt({ lastShownAt: null, pending: 2 })).toBe(0);
  });

  it('honours a custom interval', () => {
    let state = securityGate(INITIAL_SECURITY_GATE, T0, MIN).state;
    const early = securityGate(state, T0 + 30_000, MIN);
    expect(early.show).toBe(false);
    state = early.state;
    expect(securityGate(state, T0 + MIN, MIN)).toMatchObject({ show: true, count: 2 });
  });

  it('opens the gate when the clock went back rather than staying shut', () => {
    const state = securityGate(INITIAL_SECURITY_GATE, T0).state;
    expect(securityGate(state, T0 - 60 * MIN).show).toBe(true);
  });

  it('accepts state stored without pendingSince, dating the batch from the next rejection', () => {
    const result = securityGate({ lastShownAt: T0, pending: 0 }, T0 + MIN);
    expect(result.state).toEqual({ lastShownAt: T0, pending: 1, pendingSince: T0 + MIN });
    const legacyPending = securityGate({ lastShownAt: T0, pending: 3 }, T0 + 10 * MIN);
    expect(legacyPending).toMatchObject({ show: true, count: 4, since: T0 + 10 * MIN });
  });

  it('does not change the state passed in', () => {
    const state: SecurityGateState = { lastShownAt: T0, pending: 2, pendingSince: T0 + MIN };
    securityGate(state, T0 + 20 * MIN);
    expect(state).toEqual({ lastShownAt: T0, pending: 2, pendingSince: T0 + MIN });
  });
});
