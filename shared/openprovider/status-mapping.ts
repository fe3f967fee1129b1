/**
 * The seed's "Rules for status mapping" table: Openprovider API order status (PAI, ACT, ...)
 * against the webhook's order `status`, `certificate.status` and `certificate.operation`.
 */

export type OrderStatus = 'open' | 'closed';
export type CertificateStatus =
  'open' | 'active' | 'replaced' | 'rejected' | 'revoked' | 'expired' | 'requested';
export type CertificateOperation = 'none' | 'request' | 'reissue' | 'renew' | 'deletecancel';
export type ApiStatus = 'PAI' | 'ACT' | 'FAI' | 'EXP' | 'REJ' | 'REQ';

export interface StatusMappingRow {
  apiStatus: ApiStatus;
  status: OrderStatus;
  certificateStatus: CertificateStatus;
  operation: CertificateOperation;
}

const row = (apiStatus: ApiStatus, status: OrderStatus, certificateStatus: CertificateStatus,
  operation: CertificateOperation): StatusMappingRow => ({ apiStatus, status, certificateStatus, operation });

export const STATUS_MAPPING: readonly StatusMappingRow[] = [
  row('PAI', 'open', 'open', 'none'),
  row('ACT', 'open', 'active', 'none'),
  row('ACT', 'open', 'replaced', 'none'),
  row('FAI', 'closed', 'rejected', 'none'),
  row('FAI', 'closed', 'revoked', 'none'),
  row('FAI', 'closed', 'open', 'none'),
  row('EXP', 'closed', 'expired', 'none'),
  row('REJ', 'open', 'requested', 'deletecancel'),
  row('REJ', 'open', 'active', 'deletecancel'),
  row('REJ', 'open', 'replaced', 'deletecancel'),
  row('REQ', 'open', 'requested', 'request'),
  row('REQ', 'open', 'requested', 'reissue'),
  row('REQ', 'open', 'requested', 'renew'),
];

export const API_STATUS_LABELS: Readonly<Record<ApiStatus, string>> = {
  PAI: 'Pending issuance',
  ACT: 'Active',
  FAI: 'Failed',
  EXP: 'Expired',
  REJ: 'Cancellation requested',
  REQ: 'Requested at the CA',
};

/** The API status for a webhook status triple, or undefined when the table has no such row. */
export function mapStatus(status: string | null | undefined, certificateStatus: string | null | undefined,
  operation: string | null | undefined): StatusMappingRow | undefined {
  return STATUS_MAPPING.find((r) => r.status === status && r.certificateStatus === certificateStatus
    && r.operation === (operation ?? 'none'));
}

/** A human wording of the triple, e.g. "Requested at the CA (renew)" or "open / weird / none". */
export function describeStatus(status: string | null | undefined, certificateStatus: string | null | undefined,
  operation: string | null | undefined): string {
  const found = mapStatus(status, certificateStatus, operation);
  if (!found) return [status ?? '?', certificateStatus ?? '?', operation ?? 'none'].join(' / ');
  const label = API_STATUS_LABELS[found.apiStatus];
  return found.operation === 'none' ? label : `${label} (${found.operation})`;
}
