import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, isMethodName, METHOD_NAMES, parseParams } from '../../../../shared/bridge/index.ts';

describe('bridge contract', () => {
  it('names every method of the UI foundation and its events', () => {
    expect(METHOD_NAMES).toEqual(['status', 'deliveries.list', 'deliveries.get', 'deliveries.raw', 'deliveries.replay',
      'certificates.list', 'notifications.list', 'settings.get', 'settings.validate', 'hooks.list']);
    expect(EVENT_NAMES).toEqual(['delivery', 'notification', 'certificate']);
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
  });

  it('needs an id for deliveries.get', () => {
    expect(parseParams('deliveries.get', {}).ok).toBe(false);
    expect(parseParams('deliveries.get', { id: 3 }).ok).toBe(false);
    expect(parseParams('deliveries.get', { id: '3' })).toEqual({ ok: true, params: { id: '3' } });
  });
});
