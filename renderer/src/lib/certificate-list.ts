/**
 * The certificate list's search, "needs attention only" filter and sort, as the view applies them and
 * as the address keeps them (`#/certificates?q=shop&attention=1&sort=commonName&dir=desc`), so a reload
 * or a copied link shows the same list. Pure, so it is tested without a page and memoized by the view.
 */
import type { CertificateSummary } from '../../../shared/bridge/index.ts';
import { attentionReason } from '../../../shared/bridge/attention.ts';

export type CertificateSortKey = 'commonName' | 'status' | 'daysLeft' | 'deployment' | 'updatedAt';
export const SORT_KEYS: readonly CertificateSortKey[] = ['commonName', 'status', 'daysLeft', 'deployment', 'updatedAt'];

export interface CertificateListState {
  search: string;
  attentionOnly: boolean;
  sort: CertificateSortKey;
  ascending: boolean;
}

export const DEFAULT_LIST: CertificateListState = { search: '', attentionOnly: false, sort: 'daysLeft', ascending: true };

export function listFromQuery(query: Record<string, string>): CertificateListState {
  const sort = SORT_KEYS.find((k) => k === query.sort) ?? DEFAULT_LIST.sort;
  return { search: query.q ?? '', attentionOnly: query.attention === '1', sort, ascending: query.dir !== 'desc' };
}

/** Only what differs from the default, so the plain list has a bare address. */
export function listToQuery(state: CertificateListState): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.search) query.q = state.search;
  if (state.attentionOnly) query.attention = '1';
  if (state.sort !== DEFAULT_LIST.sort) query.sort = state.sort;
  if (!state.ascending) query.dir = 'desc';
  return query;
}

export interface CertificateRow {
  cert: CertificateSummary;
  reason: string | null;
}

function compare(a: CertificateRow, b: CertificateRow, key: CertificateSortKey): number {
  switch (key) {
    case 'daysLeft': return (a.cert.daysLeft ?? Infinity) - (b.cert.daysLeft ?? Infinity);
    case 'status': return a.cert.statusText.localeCompare(b.cert.statusText);
    case 'deployment': return (a.cert.deployment ?? '').localeCompare(b.cert.deployment ?? '');
    case 'updatedAt': return a.cert.updatedAt < b.cert.updatedAt ? -1 : a.cert.updatedAt > b.cert.updatedAt ? 1 : 0;
    default: return (a.cert.commonName ?? a.cert.id).localeCompare(b.cert.commonName ?? b.cert.id);
  }
}

/** Each certificate with its attention reason, worked out once per list (not per render of a filter change). */
export function toRows(certs: readonly CertificateSummary[]): CertificateRow[] {
  return certs.map((cert) => ({ cert, reason: attentionReason(cert) }));
}

/** The rows shown: search on common name or id (case-insensitive substring), attention filter, then the sort (ties by name). */
export function applyList(rows: readonly CertificateRow[], state: CertificateListState): CertificateRow[] {
  const needle = state.search.trim().toLowerCase();
  const shown = rows.filter((r) => (!state.attentionOnly || r.reason !== null)
    && (!needle || (r.cert.commonName ?? '').toLowerCase().includes(needle) || r.cert.id.toLowerCase().includes(needle)));
  const sign = state.ascending ? 1 : -1;
  return shown.sort((a, b) => sign * compare(a, b, state.sort) || compare(a, b, 'commonName'));
}

export type ExpiryLevel = 'expired' | 'danger' | 'warn' | 'ok' | 'unknown';

/**
 * How urgent an expiry is, from the notification thresholds (SPEC §7, `notifications.expiryThresholdsDays`):
 * amber from the largest threshold, red from the last week (the largest threshold of 7 days or fewer,
 * else the smallest), full red once expired. With the defaults (30, 14, 7, 3, 1): red ≤ 7, amber ≤ 30.
 */
export function expiryLevel(daysLeft: number | null, thresholds: readonly number[]): ExpiryLevel {
  if (daysLeft === null) return 'unknown';
  if (daysLeft < 0) return 'expired';
  const sorted = [...thresholds].sort((a, b) => b - a);
  if (sorted.length === 0) return 'ok';
  const red = sorted.find((t) => t <= 7) ?? sorted[sorted.length - 1];
  if (daysLeft <= red) return 'danger';
  if (daysLeft <= sorted[0]) return 'warn';
  return 'ok';
}

/** The days-left bar's length: full at 90 days or more (the dashboard's expiry horizon), full once expired. */
export const BAR_FULL_DAYS = 90;
export function barFraction(daysLeft: number | null): number {
  if (daysLeft === null) return 0;
  if (daysLeft < 0) return 1;
  return Math.min(1, Math.max(0.04, daysLeft / BAR_FULL_DAYS));
}
