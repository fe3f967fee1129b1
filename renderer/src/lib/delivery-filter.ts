/** The inspector's filters, as the list call takes them and as a live event is matched against them. */
import type { DeliverySummary, MethodParams } from '../../../shared/bridge/index.ts';

export interface DeliveryFilter {
  event: string;
  outcome: string;
  signature: string;
  search: string;
}

export const NO_FILTER: DeliveryFilter = { event: '', outcome: '', signature: '', search: '' };

export function listParams(filter: DeliveryFilter, beforeId?: number, limit = 100): MethodParams<'deliveries.list'> {
  const params: MethodParams<'deliveries.list'> = { limit };
  if (filter.event) params.event = filter.event;
  if (filter.outcome) params.outcome = filter.outcome;
  if (filter.signature) params.signature = filter.signature;
  if (filter.search.trim()) params.search = filter.search.trim();
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
  return true;
}

/** A filter from a link's query (`#/deliveries?outcome=rejected`); unknown keys are ignored. */
export function filterFromQuery(query: Record<string, string>): DeliveryFilter {
  return {
    event: query.event ?? '', outcome: query.outcome ?? '', signature: query.signature ?? '', search: query.search ?? '',
  };
}

/** The filter as a link's query: only the filters that are set, so an unfiltered view has a bare URL. */
export function filterToQuery(filter: DeliveryFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== ''));
}
