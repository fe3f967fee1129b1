/** Payload types for the three delivery shapes of seed 004, and tolerant readers for them. */

export interface DeliveryMetadata {
  version?: string;
  delivery?: string;
  event?: string;
  entityId?: string | number;
  signature?: string;
}

export interface CertificateFiles {
  main: string | null;
  intermediate: string | null;
  root: string | null;
}

export interface PreValidationResult {
  name: string;
  status: string;
}

export interface CertificateObject {
  id: string;
  status: string;
  expireAt: string | null;
  operation: string;
  commonName: string;
  activatedAt: string | null;
  certificates: CertificateFiles;
  preValidationStatus?: string;
  preValidationResults?: PreValidationResult[];
  openproviderId?: number | string;
}

/** ssl_panel.created / requested / issued / will_expire_in_30_days / reissue_failed / renew_failed */
export interface CertificateEventData {
  id: string;
  status: string;
  certificate: CertificateObject;
  openproviderId?: number | string;
}

/** ssl_panel.pre_validation.failed / successful: the certificate carries preValidationResults. */
export interface PreValidationEventData extends CertificateEventData {
  certificate: CertificateObject & { preValidationResults: PreValidationResult[] };
}

/** ssl_panel.ca_chat.new_message_from_ca: no certificate object. */
export interface CaChatEventData {
  date: string;
  message: string;
  orderId: string;
  openproviderId?: string | number;
}

export interface Delivery<D = unknown> {
  metadata?: DeliveryMetadata;
  data?: D;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The facts Certbell reads from any delivery body, whatever its shape; missing ones are null. */
export interface DeliverySummary {
  deliveryId: string | null;
  event: string | null;
  entityId: string | null;
  certificateId: string | null;
  orderId: string | null;
  commonName: string | null;
}

export function summarizeBody(body: unknown): DeliverySummary {
  const root = asRecord(body);
  const metadata = asRecord(root?.metadata);
  const data = asRecord(root?.data);
  const certificate = asRecord(data?.certificate);
  return {
    deliveryId: asText(metadata?.delivery),
    event: asText(metadata?.event),
    entityId: asText(metadata?.entityId),
    certificateId: asText(certificate?.id),
    orderId: certificate ? asText(data?.id) : asText(data?.orderId),
    commonName: asText(certificate?.commonName),
  };
}

export function failedValidators(body: unknown): string[] {
  const results = asRecord(asRecord(asRecord(body)?.data)?.certificate)?.preValidationResults;
  if (!Array.isArray(results)) return [];
  return results
    .map(asRecord)
    .filter((r) => r && r.status === 'failed' && typeof r.name === 'string')
    .map((r) => r!.name as string);
}
