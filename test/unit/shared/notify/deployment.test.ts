import { describe, expect, it } from 'vitest';
import { deploymentDecision, EMPTY_TARGET_MEMORY, type DeploymentFacts, type TargetMemory } from '../../../../shared/notify/deployment.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.parse('2026-11-20T12:00:00Z');
const facts = (over: Partial<DeploymentFacts> = {}): DeploymentFacts => ({
  certificateId: 'c1', commonName: 'shop.example.nl', name: 'shop.example.nl', target: '10.0.0.5:443', state: 'old',
  servedFingerprint: 'AA:AA', servedNotAfter: '2027-01-05T00:00:00Z', issuedFingerprint: 'BB:BB', issuedAt: now - 3 * HOUR,
  graceMs: 2 * HOUR, thresholdsDays: [30, 14, 7, 3, 1], now, ...over,
});

/** Runs results through the policy one after the other, as rounds would. */
function rounds(...list: Partial<DeploymentFacts>[]): { titles: (string | null)[]; memory: TargetMemory } {
  let memory = EMPTY_TARGET_MEMORY;
  const titles: (string | null)[] = [];
  for (const over of list) {
    const next = deploymentDecision(facts(over), memory);
    titles.push(next.decision?.title ?? null);
    memory = next.memory;
  }
  return { titles, memory };
}

describe('deployment notifications (SPEC §12)', () => {
  it('says the issued certificate is not served past the grace time, in the words of the spec', () => {
    const { decision } = deploymentDecision(facts(), EMPTY_TARGET_MEMORY);
    expect(decision).toMatchObject({ kind: 'deployment', title: 'Not deployed: shop.example.nl', certificateId: 'c1',
      body: 'shop.example.nl: issued 3 h ago, 10.0.0.5:443 still serves the certificate that expires on 2027-01-05.' });
  });

  it('raises nothing before the grace time, and once when it has passed; then nothing more for the same state', () => {
    const { titles } = rounds({ now: now - 2 * HOUR }, { now }, { now: now + 6 * HOUR });
    expect(titles).toEqual([null, 'Not deployed: shop.example.nl', null]);
  });

  it('raises nothing for a served certificate or an unreachable target', () => {
    expect(rounds({ state: 'served', servedFingerprint: 'BB:BB' }, { state: 'unreachable', servedFingerprint: null }).titles)
      .toEqual([null, null]);
  });

  it('stays quiet when an unreachable host comes back serving what was already notified', () => {
    expect(rounds({}, { state: 'unreachable', servedFingerprint: null, servedNotAfter: null }, {}).titles)
      .toEqual(['Not deployed: shop.example.nl', null, null]);
  });

  it('says at once (grace or not) when the served certificate changes to one that is not the issued one', () => {
    const { titles } = rounds({ state: 'served', servedFingerprint: 'BB:BB', now: now - 2.5 * HOUR },
      { servedFingerprint: 'CC:CC', now: now - 2.4 * HOUR });
    expect(titles).toEqual([null, 'Served certificate changed: shop.example.nl']);
  });

  it('names a certificate for another name as such', () => {
    expect(deploymentDecision(facts({ state: 'wrong-name' }), EMPTY_TARGET_MEMORY).decision?.body)
      .toBe('shop.example.nl: issued 3 h ago, but 10.0.0.5:443 serves a certificate that does not cover shop.example.nl.');
  });

  it('applies the §7 thresholds to the served certificate: renewed but not deployed is never silent', () => {
    const served = (days: number) => ({ servedNotAfter: new Date(now + days * DAY).toISOString() });
    const { titles } = rounds({ ...served(20), now }, { ...served(20), now: now + 7 * DAY }, { ...served(20), now: now + 8 * DAY },
      { ...served(20), now: now + 19.5 * DAY });
    // First the "not deployed" (which says it expires soon), then 14 days, then the 1-day mark (7 and 3 were passed together).
    expect(titles).toEqual(['Not deployed: shop.example.nl', 'Served certificate expiring: shop.example.nl', null,
      'Served certificate expiring: shop.example.nl']);
    const last = deploymentDecision(facts({ ...served(5) }), EMPTY_TARGET_MEMORY).decision!;
    expect(last.body).toContain('That one expires in 5 days.');
    expect(last.urgency).toBe('critical');
  });
});
