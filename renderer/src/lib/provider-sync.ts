/** The provider sync (SPEC §13) in words: why a run failed, what a change did, what started a run. */
import type { SyncChange, SyncFailureKind, SyncResult, SyncTrigger } from '../../../shared/bridge/index.ts';
import { API_STATUS_LABELS, type ApiStatus } from '../../../shared/openprovider/status-mapping.ts';

/** An API status code as the status-mapping table words it; an unknown code stays as it came. */
export function apiStatusLabel(code: string): string {
  return API_STATUS_LABELS[code as ApiStatus] ?? code;
}

/** The reason of a failed sync for people; a protocol error's own message names what the API got wrong. */
export function failureText(kind: SyncFailureKind | null, message: string | null): string {
  switch (kind) {
    case 'bad-credentials': return 'the API refused the username or password';
    case 'maintenance': return 'Openprovider is in maintenance; retrying later';
    case 'network': return 'could not reach the API; retrying with backoff';
    default: return message ?? 'the sync failed';
  }
}

/** "Pending issuance → Active", or only the new state for an order the inventory did not know. */
export function transitionText(change: Pick<SyncChange, 'from' | 'to'>): string {
  return change.from === null ? apiStatusLabel(change.to) : `${apiStatusLabel(change.from)} → ${apiStatusLabel(change.to)}`;
}

export function runSummary(run: SyncResult): string {
  if (!run.ok) return `failed: ${failureText(run.errorKind, run.error)}`;
  const changes = run.changes.length;
  return `${run.orders} ${run.orders === 1 ? 'order' : 'orders'}, ${changes} ${changes === 1 ? 'change' : 'changes'}`;
}

export const TRIGGER_TEXT: Readonly<Record<SyncTrigger, string>> = {
  start: 'at start', resume: 'after resume', interval: 'scheduled', demand: 'on demand', retry: 'retry after a failure',
};
