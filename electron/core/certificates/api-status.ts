/** A certificate's state in the API's words (SPEC §13): the seed's status-mapping table read backwards. */
import { mapStatus } from '../../../shared/openprovider/status-mapping.ts';
import type { CertificateRecord } from './certificate-types.ts';

/** What `lastEvent` says of a state set by a provider sync (the delivery it stands for was missed). */
export const SYNC_EVENT = 'provider.sync';

/** The API status code the inventory's webhook fields stand for, or null when the table has no such row. */
export function apiStatusOf(c: Pick<CertificateRecord, 'orderStatus' | 'status' | 'operation'> | undefined): string | null {
  if (!c || (c.orderStatus === null && c.status === null)) return null;
  return mapStatus(c.orderStatus, c.status, c.operation)?.apiStatus ?? null;
}
