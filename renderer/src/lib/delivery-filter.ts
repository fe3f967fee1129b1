/** The inspector's filters, as the list call takes them and as a live event is matched against them. */
import type { DeliverySummary, MethodParams } from '../../../shared/bridge/index.ts';

export interface DeliveryFilter {
  event: string;
  outcome: string;
  signature: string;
  search: string;
  /** A time range (ISO 8601, `to` exclusive), e.g. one hour of the dashboard's chart; '' for none. */
  from: string;
  to: string;
}

export const NO_FILTER: DeliveryFilter = { event: '', outcome: '', signature: '', search: '', from: '', to: '' };

/** A typed or edited address may hold anything; only a date-time with an offset filters (the bridge takes no other). */
function isInstant(value: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value);
}

export function listParams(filter: DeliveryFilter, beforeId?: number, limit = 100): MethodParams<'deliveries.list'> {
  const params: MethodParams<'deliveries.list'> = { limit };
  if (filter.event) params.event = filter.event;
  if (filter.outcome) params.outcome = filter.outcome;
  if (filter.signature) params.signature = filter.signature;
  if (filter.search.trim()) params.search = filter.search.trim();
  if (isInstant(filter.from)) params.since = filter.from;
  if (isInstant(filter.to)) params.until = filter.to;
  if (beforeId !== undefined) params.beforeId = beforeId;
  return params;
}

/** Whether a pushed delivery belongs in the list as currently filtered (mirrors the store's query). */
export function matchesFilter(row: DeliverySummary, filter: DeliveryFilter): boolean {
  if (filter.event && row.event !== filter.event) return false;
  if (filter.outcome && row.outcome !== filter.outcome) return false;
  if (filter.signature && row.signature !== filter.signature) return false;
  const search = filter.search.trim().toLowerCase();
  if (search && !(row.commonName ?? '').toLowerCase().includes(search) && !row.deliveryId.toLowerCase().includes(search)) return false;
  const at = Date.parse(row.receivedAt);
  if (isInstant(filter.from) && at < Date.parse(filter.from)) return false;
  if (isInstant(filter.to) && at >= Date.parse(filter.to)) return false;
  return true;
}

/** A filter from a link's query (`#/deliveries?outcome=rejected`); unknown keys are ignored. */
export function filterFromQuery(query: Record<string, string>): DeliveryFilter {
  return {
    event: query.event ?? '', outcome: query.outcome ?? '', signature: query.signature ?? '', search: query.search ?? '',
    from: query.from ?? '', to: query.to ?? '',
  };
}

/** The filter as a link's query: only the filters that are set, so an unfiltered view has a bare URL. */
export function filterToQuery(filter: DeliveryFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== ''));
}
