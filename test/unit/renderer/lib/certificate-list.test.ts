import { describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../../../shared/bridge/index.ts';
import {
  applyList, barFraction, DEFAULT_LIST, expiryLevel, listFromQuery, listToQuery, toRows,
} from '../../../../renderer/src/lib/certificate-list.ts';

const cert = (id: string, commonName: string | null, daysLeft: number | null, extra: Partial<CertificateSummary> = {}) =>
  ({ id, commonName, daysLeft, status: 'active', statusText: 'Active', deployment: null, updatedAt: `2026-12-0${id}T00:00:00Z`, lastEvent: null, ...extra }) as CertificateSummary;

const certs = [cert('1', 'b.example', 200), cert('2', 'a.example', 5), cert('3', 'c.example', null, { status: 'failed', statusText: 'Failed' }), cert('4', null, 60)];

describe('the certificate list state in the address', () => {
  it('round-trips and leaves the defaults out', () => {
    expect(listToQuery(DEFAULT_LIST)).toEqual({});
    const state = { search: 'shop', attentionOnly: true, sort: 'commonName', ascending: false } as const;
    expect(listToQuery(state)).toEqual({ q: 'shop', attention: '1', sort: 'commonName', dir: 'desc' });
    expect(listFromQuery(listToQuery(state))).toEqual(state);
  });

  it('ignores an unknown sort', () => {
    expect(listFromQuery({ sort: 'nonsense' }).sort).toBe('daysLeft');
  });
});

describe('applyList', () => {
  const rows = toRows(certs);
  const ids = (state: Partial<typeof DEFAULT_LIST>) => applyList(rows, { ...DEFAULT_LIST, ...state }).map((r) => r.cert.id);
  it('sorts by days left, unknown last, and by name either way', () => {
    expect(ids({})).toEqual(['2', '4', '1', '3']);
    expect(ids({ sort: 'commonName' })).toEqual(['4', '2', '1', '3']); // no name: by its id
    expect(ids({ sort: 'commonName', ascending: false })).toEqual(['3', '1', '2', '4']);
  });

  it('searches common name and id, and keeps only what needs attention', () => {
    expect(ids({ search: 'B.EX' })).toEqual(['1']);
    expect(ids({ search: '4' })).toEqual(['4']);
    expect(ids({ attentionOnly: true })).toEqual(['2', '3']);
  });
});

describe('expiryLevel', () => {
  const defaults = [30, 14, 7, 3, 1];
  it('follows the thresholds: red within a week, amber within the largest, full red once expired', () => {
    expect(expiryLevel(-1, defaults)).toBe('expired');
    expect(expiryLevel(0, defaults)).toBe('danger');
    expect(expiryLevel(7, defaults)).toBe('danger');
    expect(expiryLevel(8, defaults)).toBe('warn');
    expect(expiryLevel(30, defaults)).toBe('warn');
    expect(expiryLevel(31, defaults)).toBe('ok');
    expect(expiryLevel(null, defaults)).toBe('unknown');
  });

  it('uses the configured thresholds', () => {
    expect(expiryLevel(50, [60, 20])).toBe('warn');
    expect(expiryLevel(20, [60, 20])).toBe('danger');
    expect(expiryLevel(3, [])).toBe('ok');
  });

  it('draws the bar full at 90 days and once expired', () => {
    expect(barFraction(45)).toBe(0.5);
    expect(barFraction(400)).toBe(1);
    expect(barFraction(-2)).toBe(1);
    expect(barFraction(null)).toBe(0);
  });
});
