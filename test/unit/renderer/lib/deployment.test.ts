import { describe, expect, it } from 'vitest';
import type { DeploymentResult } from '../../../../shared/bridge/index.ts';
import { chainText, describeResult, latestPerTarget, sameFingerprint, shortFingerprint, stateBadge, stateChanges }
  from '../../../../renderer/src/lib/deployment.ts';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

function result(over: Partial<DeploymentResult> = {}): DeploymentResult {
  return {
    certificateId: '42', commonName: 'shop.example.nl', name: 'shop.example.nl', target: 'shop.example.nl:443', state: 'served',
    servedFingerprint: FP, issuedFingerprint: FP, servedNotAfter: '2027-01-05T00:00:00.000Z', chainVerified: true, chainError: null,
    checkedAt: '2026-12-07T10:00:00.000Z', durationMs: 12, error: null, ...over,
  };
}

describe('stateBadge', () => {
  it('says each state in words, with a class per state', () => {
    expect(stateBadge('served')).toMatchObject({ text: 'deployed', className: 'badge deploy-served' });
    expect(stateBadge('old')).toMatchObject({ text: 'old certificate served', className: 'badge deploy-old' });
    expect(stateBadge('wrong-name').text).toBe('wrong certificate');
    expect(stateBadge('unreachable').title).toMatch(/could not connect/);
  });

  it('reads "not checked" when there is no state yet', () => {
    expect(stateBadge(null)).toMatchObject({ text: 'not checked', className: 'badge deploy-none' });
  });
});

describe('shortFingerprint', () => {
  it('keeps the first four and the last two bytes', () => {
    expect(shortFingerprint(FP)).toBe('AB:CD:EF:01…67:89');
  });

  it('keeps short or unusual values whole, and shows a dash for none', () => {
    expect(shortFingerprint('AB:CD:EF')).toBe('AB:CD:EF');
    expect(shortFingerprint('abcdef0123')).toBe('abcdef0123');
    expect(shortFingerprint(null)).toBe('—');
  });
});

describe('sameFingerprint', () => {
  it('ignores case and colons, and never matches a missing one', () => {
    expect(sameFingerprint(FP, FP.toLowerCase().replace(/:/g, ''))).toBe(true);
    expect(sameFingerprint(FP, FP.replace(/^AB/, '00'))).toBe(false);
    expect(sameFingerprint(null, FP)).toBe(false);
  });
});

describe('latestPerTarget', () => {
  it('replaces a row with a newer pushed result, and adds new targets, sorted by name and target', () => {
    const base = [result({ name: 'www.example.nl', target: 'www.example.nl:443' }), result()];
    const pushed = result({ state: 'old', checkedAt: '2026-12-07T11:00:00.000Z' });
    const added = result({ name: 'shop.example.nl', target: '127.0.0.1:8443', state: 'unreachable', checkedAt: '2026-12-07T11:00:01.000Z' });
    const rows = latestPerTarget(base, [pushed, added]);
    expect(rows.map((r) => [r.name, r.target, r.state])).toEqual([
      ['shop.example.nl', '127.0.0.1:8443', 'unreachable'], ['shop.example.nl', 'shop.example.nl:443', 'old'], ['www.example.nl', 'www.example.nl:443', 'served'],
    ]);
  });

  it('keeps a newer row over an older pushed result (a list read after the push)', () => {
    const rows = latestPerTarget([result({ state: 'old', checkedAt: '2026-12-07T12:00:00.000Z' })], [result()]);
    expect(rows.map((r) => r.state)).toEqual(['old']);
  });

  it('keeps two names checked at one host:port apart', () => {
    const rows = latestPerTarget([result({ target: '10.0.0.5:443' }), result({ name: 'www.example.nl', target: '10.0.0.5:443' })], []);
    expect(rows).toHaveLength(2);
  });
});

describe('stateChanges', () => {
  it('keeps each target\'s first check and each change of state, newest first', () => {
    const history = [
      result({ checkedAt: '2026-12-07T04:00:00.000Z', state: 'served' }),
      result({ checkedAt: '2026-12-07T03:00:00.000Z', state: 'old' }),
      result({ checkedAt: '2026-12-07T02:00:00.000Z', state: 'old' }),
      result({ checkedAt: '2026-12-07T01:00:00.000Z', target: '127.0.0.1:8443', state: 'unreachable' }),
      result({ checkedAt: '2026-12-07T00:00:00.000Z', state: 'old' }),
    ];
    expect(stateChanges(history).map((c) => [c.result.checkedAt.slice(11, 13), c.result.target, c.previous, c.result.state])).toEqual([
      ['04', 'shop.example.nl:443', 'old', 'served'],
      ['01', '127.0.0.1:8443', null, 'unreachable'],
      ['00', 'shop.example.nl:443', null, 'old'],
    ]);
  });

  it('has nothing to show for no history', () => {
    expect(stateChanges([])).toEqual([]);
  });
});

describe('describeResult and chainText', () => {
  it('names the target only when it is not the name on port 443', () => {
    expect(describeResult(result())).toBe('shop.example.nl: deployed');
    expect(describeResult(result({ target: '10.0.0.5:443', state: 'old' }))).toBe('shop.example.nl at 10.0.0.5:443: old certificate served');
  });

  it('says whether the chain verified, why not, or that nothing was served', () => {
    expect(chainText(result())).toBe('verified');
    expect(chainText(result({ chainVerified: false, chainError: 'SELF_SIGNED_CERT_IN_CHAIN' }))).toBe('not verified: SELF_SIGNED_CERT_IN_CHAIN');
    expect(chainText(result({ chainVerified: false }))).toBe('not verified');
    expect(chainText(result({ chainVerified: null }))).toBe('—');
  });
});
