import { describe, expect, it } from 'vitest';
import { filterFromQuery, filterToQuery, NO_FILTER } from '../../../../renderer/src/lib/delivery-filter.ts';
import { href, parseHash } from '../../../../shared/routes/hash-route.ts';

describe('hash routes', () => {
  it('parse a view, an argument and an optional query', () => {
    expect(parseHash('')).toEqual({ view: 'dashboard', arg: null, query: {} });
    expect(parseHash('#/deliveries/12')).toEqual({ view: 'deliveries', arg: '12', query: {} });
    expect(parseHash('#/deliveries?outcome=rejected&search=a%20b')).toEqual({ view: 'deliveries', arg: null, query: { outcome: 'rejected', search: 'a b' } });
    expect(parseHash('#/certificates/cert%2F1')).toEqual({ view: 'certificates', arg: 'cert/1', query: {} });
  });

  it('round-trip through href', () => {
    expect(href('deliveries', null, { outcome: 'rejected' })).toBe('#/deliveries?outcome=rejected');
    expect(parseHash(href('deliveries', 'a b', { search: 'x&y' }))).toEqual({ view: 'deliveries', arg: 'a b', query: { search: 'x&y' } });
    expect(href('settings', undefined, {})).toBe('#/settings');
  });

  it('turn a query into an inspector filter, ignoring unknown keys', () => {
    expect(filterFromQuery({})).toEqual(NO_FILTER);
    expect(filterFromQuery({ outcome: 'rejected', bogus: 'x' })).toEqual({ ...NO_FILTER, outcome: 'rejected' });
  });

  it('write a filter back as a query holding only the filters that are set', () => {
    expect(filterToQuery(NO_FILTER)).toEqual({});
    expect(href('deliveries', 7, filterToQuery(NO_FILTER))).toBe('#/deliveries/7');
    const filter = { ...NO_FILTER, outcome: 'rejected', search: 'a&b c' };
    expect(filterToQuery(filter)).toEqual({ outcome: 'rejected', search: 'a&b c' });
    expect(filterFromQuery(parseHash(href('deliveries', 7, filterToQuery(filter))).query)).toEqual(filter);
  });
});
