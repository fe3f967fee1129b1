import { describe, expect, it } from 'vitest';
import { formatTarget, isCertificateName, parseTarget } from '../../../../shared/deployment/targets.ts';
import { worstState } from '../../../../shared/deployment/states.ts';
import { ConfigSchema } from '../../../../shared/config/index.ts';

describe('deployment targets (SPEC §12)', () => {
  it('reads host:port, an IPv4 address and a bracketed IPv6 address', () => {
    expect(parseTarget('lb1.internal:443')).toEqual({ host: 'lb1.internal', port: 443 });
    expect(parseTarget('127.0.0.1:8443')).toEqual({ host: '127.0.0.1', port: 8443 });
    expect(parseTarget('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(formatTarget({ host: '::1', port: 8443 })).toBe('[::1]:8443');
  });

  it('refuses a missing or impossible port, a wildcard host and stray characters', () => {
    for (const bad of ['shop.example.nl', 'shop.example.nl:0', 'shop.example.nl:65536', '*.example.nl:443', '::1:443',
      'http://shop.example.nl:443', 'a b:443', '-bad.example:443', '']) {
      expect(parseTarget(bad), bad).toBeNull();
    }
  });

  it('takes host names and wildcards as certificate names', () => {
    expect(isCertificateName('shop.example.nl')).toBe(true);
    expect(isCertificateName('*.example.nl')).toBe(true);
    expect(isCertificateName('shop.*.nl')).toBe(false);
    expect(isCertificateName('')).toBe(false);
  });

  it('names the worst state of several targets, or null for none', () => {
    expect(worstState([])).toBeNull();
    expect(worstState(['served', 'unreachable'])).toBe('unreachable');
    expect(worstState(['wrong-name', 'served', 'old'])).toBe('old');
  });

  it('validates deployment.* in config.json with JSON paths the settings page can show', () => {
    const ok = ConfigSchema.safeParse({ deployment: { targets: { 'shop.example.nl': ['127.0.0.1:8443', 'lb1.internal:443'] } } });
    expect(ok.success).toBe(true);
    expect(ok.data?.deployment).toEqual({ enabled: true, targets: { 'shop.example.nl': ['127.0.0.1:8443', 'lb1.internal:443'] },
      graceHours: 2, intervalHours: 6, timeoutMs: 10_000 });
    const bad = ConfigSchema.safeParse({ deployment: { targets: { 'shop.example.nl': ['shop.example.nl'], 'not a name': [] },
      intervalHours: 0 } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['deployment.targets.shop.example.nl.0', 'deployment.intervalHours']));
    expect(bad.error!.issues.find((i) => i.path.at(-1) === 0)?.message).toMatch(/host:port/);
    const nameIssue = ConfigSchema.safeParse({ deployment: { targets: { 'not a name': ['127.0.0.1:443'] } } }).error!.issues[0];
    expect(nameIssue).toMatchObject({ path: ['deployment', 'targets', 'not a name'],
      message: '"not a name" is not a certificate name such as "shop.example.nl" or "*.example.nl"' });
  });
});
