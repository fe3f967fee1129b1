import { describe, expect, it } from 'vitest';
import type { CertificateSummary, DeliveryHistogram } from '../../../../shared/bridge/index.ts';
import { bucketRange, EXPIRED_AT, expiryBand, expiryColumns, expiryPoints, outcomeTotals, stackedColumns } from '../../../../renderer/src/lib/chart-data.ts';
import { firstRunSteps } from '../../../../renderer/src/lib/first-run.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-06-01T10:00:00Z');

const histogram: DeliveryHistogram = {
  from: new Date(T0).toISOString(), until: new Date(T0 + 2 * HOUR).toISOString(), bucketMs: HOUR,
  buckets: [
    { start: new Date(T0).toISOString(), accepted: 2, duplicate: 1, rejected: 3, aborted: 1 },
    { start: new Date(T0 + HOUR).toISOString(), accepted: 0, duplicate: 0, rejected: 0, aborted: 4 },
  ],
};

function cert(id: string, days: number | null): CertificateSummary {
  return { id, commonName: `${id}.example`, expireAt: days === null ? null : new Date(T0 + days * DAY).toISOString() } as CertificateSummary;
}

describe('the deliveries chart data', () => {
  it('stacks the outcomes per hour, bars at the middle of their hours', () => {
    expect(stackedColumns(histogram)).toEqual([
      [(T0 + HOUR / 2) / 1000, (T0 + 1.5 * HOUR) / 1000], [2, 0], [3, 0], [6, 0], [7, 4],
    ]);
    expect(outcomeTotals(histogram)).toEqual({ accepted: 2, duplicate: 1, rejected: 3, aborted: 5 });
  });

  it('a bar is the hour it covers, as the list filter', () => {
    expect(bucketRange(histogram, 1)).toEqual({ from: '2026-06-01T11:00:00.000Z', to: '2026-06-01T12:00:00.000Z' });
  });
});

describe('the expiry timeline data', () => {
  it('bands by the thresholds: expired, within the middle one, within the largest, beyond', () => {
    const thresholds = [30, 14, 7, 3, 1];
    expect([-1, 0, 7, 7.5, 30, 31].map((d) => expiryBand(d, thresholds))).toEqual(['expired', 'urgent', 'urgent', 'soon', 'soon', 'later']);
    expect(expiryBand(10, [10])).toBe('urgent');
  });

  it('places expired ones at the edge, counts those beyond 90 days, and stacks near ones', () => {
    const { points, beyond } = expiryPoints([cert('b', 10), cert('a', 10.5), cert('gone', -20), cert('far', 91), cert('none', null), cert('c', 40)], [30, 14, 7], T0);
    expect(beyond).toBe(1);
    expect(points.map((p) => [p.id, p.x, p.y])).toEqual([['gone', EXPIRED_AT, 1], ['b', 10, 1], ['a', 10.5, 2], ['c', 40, 1]]);
    expect(expiryColumns(points)).toEqual([[EXPIRED_AT, 10, 10.5, 40], [1, null, null, null], [null, 1, 2, null], [null, null, null, null], [null, null, null, 1]]);
  });
});

describe('the first-run steps', () => {
  it('in order, each done by its own fact', () => {
    const none = firstRunSteps({ secrets: 0, accepted: 0, fromProvider: false, publicUrl: null });
    expect(none.map((s) => [s.id, s.done])).toEqual([['secret', false], ['url', false], ['test', false], ['tunnel', false]]);
    const all = firstRunSteps({ secrets: 1, accepted: 1, fromProvider: true, publicUrl: 'https://x.example/webhook' });
    expect(all.every((s) => s.done)).toBe(true);
  });
});
