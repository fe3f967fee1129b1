import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, isMethodName, METHOD_NAMES, parseParams } from '../../../../shared/bridge/index.ts';

describe('bridge contract', () => {
  it('names every method of the UI foundation and its events', () => {
    expect(METHOD_NAMES).toEqual(['status', 'deliveries.list', 'deliveries.histogram', 'deliveries.sendTest', 'deliveries.get', 'deliveries.raw', 'deliveries.replay',
      'certificates.list', 'notifications.list', 'settings.get', 'settings.validate', 'hooks.list',
      'settings.save', 'hooks.save', 'hooks.test', 'deliveries.replayEdited', 'notifications.test',
      'notifications.pauseState', 'notifications.pause', 'deployment.list', 'deployment.history', 'deployment.check', 'deployment.status', 'sync.status', 'sync.run', 'sync.changes', 'sync.test', 'tunnel.state', 'tunnel.start', 'tunnel.stop', 'tunnel.check']);
    expect(EVENT_NAMES).toEqual(['delivery', 'notification', 'certificate', 'hookOutput', 'tunnel', 'tunnelOutput', 'pause', 'deployment', 'deploymentStatus', 'sync']);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('deliveries.list')).toBe(true);
  });

  it('treats absent params as {} and refuses unknown keys', () => {
    expect(parseParams('status', undefined)).toEqual({ ok: true, params: {} });
    const unknown = parseParams('status', { x: 1 });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.error).toContain('x: unknown key');
  });

  it('bounds deliveries.list and names the bad field', () => {
    expect(parseParams('deliveries.list', { limit: 500, outcome: 'rejected', search: 'ex' }).ok).toBe(true);
    const tooMany = parseParams('deliveries.list', { limit: 501 });
    expect(!tooMany.ok && tooMany.error).toMatch(/^invalid params for deliveries\.list: limit: /);
    const outcome = parseParams('deliveries.list', { outcome: 'great' });
    expect(!outcome.ok && outcome.error).toContain('outcome');
    expect(parseParams('deliveries.list', { signature: 'valid', beforeId: 3 }).ok).toBe(true);
    expect(parseParams('deliveries.list', { certificateId: 'c-1' })).toEqual({ ok: true, params: { certificateId: 'c-1' } });
    expect(parseParams('deliveries.list', { certificateId: '' }).ok).toBe(false);
  });

  it('deliveries.list takes an ISO time range; deliveries.histogram 1 to 168 hours', () => {
    expect(parseParams('deliveries.list', { since: '2026-06-01T12:00:00Z', until: '2026-06-01T13:00:00.000+00:00' }).ok).toBe(true);
    const bad = parseParams('deliveries.list', { since: 'yesterday' });
    expect(!bad.ok && bad.error).toContain('since: since must be an ISO 8601 date-time');
    expect(parseParams('deliveries.list', { until: 1 }).ok).toBe(false);
    expect(parseParams('deliveries.histogram', {})).toEqual({ ok: true, params: {} });
    expect(parseParams('deliveries.histogram', { hours: 168 }).ok).toBe(true);
    for (const hours of [0, 169, 1.5, '48']) expect(parseParams('deliveries.histogram', { hours }).ok, String(hours)).toBe(false);
    expect(parseParams('deliveries.sendTest', { secret: 'x' }).ok).toBe(false);
  });

  it('notifications.list takes an optional limit and certificateId', () => {
    expect(parseParams('notifications.list', { limit: 20, certificateId: 'c-1' }))
      .toEqual({ ok: true, params: { limit: 20, certificateId: 'c-1' } });
    expect(parseParams('notifications.list', { certificateId: 3 }).ok).toBe(false);
  });

  it('needs an id for deliveries.get', () => {
    expect(parseParams('deliveries.get', {}).ok).toBe(false);
    expect(parseParams('deliveries.get', { id: 3 }).ok).toBe(false);
    expect(parseParams('deliveries.get', { id: '3' })).toEqual({ ok: true, params: { id: '3' } });
  });

  it('settings.save takes secrets only as keep, a new value or an env variable', () => {
    const ok = parseParams('settings.save', { config: { listener: { port: 1 },
      secrets: [{ label: 'a', keep: true }, { label: 'b', value: 'v' }, { label: 'c', env: 'X' }] } });
    expect(ok.ok).toBe(true);
    for (const secret of [{ label: 'a', keep: false }, { label: 'a', value: 'v', env: 'X' }, { label: 'a', encrypted: 'e' }, { value: 'v' }]) {
      const bad = parseParams('settings.save', { config: { secrets: [secret] } });
      expect(bad.ok, JSON.stringify(secret)).toBe(false);
      expect(!bad.ok && bad.error).toContain('config.secrets[0]');
    }
    expect(parseParams('settings.save', { config: [] }).ok).toBe(false);
    expect(parseParams('settings.save', {}).ok).toBe(false);
  });

  it('hooks.save takes a list of hook objects and the policy switches', () => {
    expect(parseParams('hooks.save', { hooks: [{ name: 'x' }], allowPreHookFailure: true, hooksFile: null }).ok).toBe(true);
    const notObject = parseParams('hooks.save', { hooks: [{ name: 'x' }, 'sh -c x'] });
    expect(!notObject.ok && notObject.error).toContain('hooks[1]: each hook must be a JSON object');
    expect(parseParams('hooks.save', { hooks: [], allowPostHookFailure: 'yes' }).ok).toBe(false);
    expect(parseParams('hooks.save', { hooks: [], stage: 'pre' }).ok).toBe(false);
  });

  it('hooks.test needs a name and a delivery; a runId is optional and plain', () => {
    expect(parseParams('hooks.test', { name: 'deploy', deliveryId: '3' }).ok).toBe(true);
    expect(parseParams('hooks.test', { name: 'deploy', deliveryId: '3', runId: 'run-1_a' }).ok).toBe(true);
    expect(parseParams('hooks.test', { name: 'deploy', deliveryId: '3', runId: 'a b' }).ok).toBe(false);
    expect(parseParams('hooks.test', { name: ' ', deliveryId: '3' }).ok).toBe(false);
    expect(parseParams('hooks.test', { name: 'deploy' }).ok).toBe(false);
  });

  it('deliveries.replayEdited needs an id and the body as text; notifications.test takes nothing', () => {
    expect(parseParams('deliveries.replayEdited', { id: '1', body: '{}' }).ok).toBe(true);
    expect(parseParams('deliveries.replayEdited', { id: '1', body: {} }).ok).toBe(false);
    expect(parseParams('deliveries.replayEdited', { id: '1', body: 'x'.repeat(1_048_577) }).ok).toBe(false);
    expect(parseParams('notifications.test', undefined).ok).toBe(true);
    expect(parseParams('notifications.test', { kind: 'test' }).ok).toBe(false);
  });

  it('notifications.pause takes an ISO instant with its offset, or null to resume', () => {
    expect(parseParams('notifications.pause', { until: '2026-06-01T13:00:00.000Z' }).ok).toBe(true);
    expect(parseParams('notifications.pause', { until: '2026-06-01T15:00:00+02:00' }).ok).toBe(true);
    expect(parseParams('notifications.pause', { until: null })).toEqual({ ok: true, params: { until: null } });
    const vague = parseParams('notifications.pause', { until: 'tomorrow' });
    expect(!vague.ok && vague.error).toContain('until must be an ISO 8601 date-time');
    expect(parseParams('notifications.pause', {}).ok).toBe(false);
    expect(parseParams('notifications.pause', { until: 3_600_000 }).ok).toBe(false);
    expect(parseParams('notifications.pauseState', undefined).ok).toBe(true);
  });
});
