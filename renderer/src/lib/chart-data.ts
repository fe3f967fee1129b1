/**
 * The dashboard charts' data, as uPlot takes it: pure functions from bridge results to columns,
 * so what the charts show is tested without a canvas.
 */
import type { CertificateSummary, DeliveryBucket, DeliveryHistogram, DeliveryOutcome } from '../../../shared/bridge/index.ts';
import { DELIVERY_OUTCOMES } from '../../../shared/bridge/types.ts';

const DAY_MS = 86_400_000;
/** How far ahead the expiry timeline looks. */
export const TIMELINE_DAYS = 90;
/** Where expired certificates sit: left of day 0, in their own band. */
export const EXPIRED_AT = -4;

export function bucketTotal(bucket: DeliveryBucket): number {
  return DELIVERY_OUTCOMES.reduce((n, o) => n + bucket[o], 0);
}

export function outcomeTotals(histogram: DeliveryHistogram): Record<DeliveryOutcome, number> {
  const totals = { accepted: 0, duplicate: 0, rejected: 0, aborted: 0 };
  for (const bucket of histogram.buckets) for (const o of DELIVERY_OUTCOMES) totals[o] += bucket[o];
  return totals;
}

/**
 * Stacked bars: x in seconds (uPlot's time scale) at the middle of each hour, so a bar covers its
 * hour and a click anywhere on it is nearest to its own x; then one column per outcome holding the top of
 * its part of the stack (accepted at the bottom). Drawn last-first, each bar covers the one below.
 */
export function stackedColumns(histogram: DeliveryHistogram): number[][] {
  const xs = histogram.buckets.map((b) => (Date.parse(b.start) + histogram.bucketMs / 2) / 1000);
  const columns = DELIVERY_OUTCOMES.map(() => [] as number[]);
  for (const bucket of histogram.buckets) {
    let top = 0;
    DELIVERY_OUTCOMES.forEach((o, i) => { top += bucket[o]; columns[i].push(top); });
  }
  return [xs, ...columns];
}

/** The hour a bar covers, as the deliveries list's time filter. */
export function bucketRange(histogram: DeliveryHistogram, index: number): { from: string; to: string } {
  const start = Date.parse(histogram.buckets[index].start);
  return { from: new Date(start).toISOString(), to: new Date(start + histogram.bucketMs).toISOString() };
}

export type ExpiryBand = 'expired' | 'urgent' | 'soon' | 'later';
export const EXPIRY_BANDS: readonly ExpiryBand[] = ['expired', 'urgent', 'soon', 'later'];

export interface ExpiryPoint {
  id: string;
  name: string;
  expireAt: string;
  /** Days from now (fractional); negative when expired. */
  days: number;
  /** Where it is drawn: `days`, or EXPIRED_AT when expired. */
  x: number;
  /** Its row: certificates expiring within a day of each other stack up. */
  y: number;
  band: ExpiryBand;
}

/**
 * `urgent`: within the middle threshold (7 days of the default 30, 14, 7, 3, 1); `soon`: within the
 * largest; `later`: beyond every threshold, inside the timeline.
 */
export function expiryBand(days: number, thresholds: readonly number[]): ExpiryBand {
  if (days < 0) return 'expired';
  const sorted = [...thresholds].sort((a, b) => a - b);
  const urgent = sorted[Math.floor((sorted.length - 1) / 2)] ?? 7;
  const soon = sorted[sorted.length - 1] ?? 30;
  return days <= urgent ? 'urgent' : days <= soon ? 'soon' : 'later';
}

/** Certificates expiring within the timeline (and expired ones), in order, each on a free row. */
export function expiryPoints(certs: readonly CertificateSummary[], thresholds: readonly number[], now: number): { points: ExpiryPoint[]; beyond: number } {
  const points: ExpiryPoint[] = [];
  let beyond = 0;
  for (const cert of certs) {
    if (!cert.expireAt) continue;
    const at = Date.parse(cert.expireAt);
    if (Number.isNaN(at)) continue;
    const days = (at - now) / DAY_MS;
    if (days > TIMELINE_DAYS) { beyond++; continue; }
    points.push({ id: cert.id, name: cert.commonName ?? cert.id, expireAt: cert.expireAt, days,
      x: days < 0 ? EXPIRED_AT : days, y: 0, band: expiryBand(days, thresholds) });
  }
  points.sort((a, b) => a.x - b.x || a.name.localeCompare(b.name));
  points.forEach((p, i) => {
    let row = 1;
    for (let j = i - 1; j >= 0 && p.x - points[j].x < 1.5; j--) row = Math.max(row, points[j].y + 1);
    p.y = row;
  });
  return { points, beyond };
}

/** uPlot columns for the scatter: shared x, then one y column per band (null where a point is of another band). */
export function expiryColumns(points: readonly ExpiryPoint[]): (number | null)[][] {
  return [points.map((p) => p.x), ...EXPIRY_BANDS.map((band) => points.map((p) => (p.band === band ? p.y : null)))];
}
