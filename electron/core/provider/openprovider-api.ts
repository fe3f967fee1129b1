/**
 * The Openprovider REST API subset of SPEC §13, read with shared/validation: the response wrapper
 * `{code, desc, data, maintenance, warnings}`, login, the orders list (paged) and one order.
 * Only the fields Certbell uses are read; everything else in a response is ignored.
 */
import * as v from '../../../shared/validation/index.ts';
import { ProviderError, type ProviderFailureKind } from './provider.ts';

export const API_ORDER_STATUSES = ['PAI', 'ACT', 'FAI', 'EXP', 'REJ', 'REQ'] as const;

/** Every answer is wrapped so; `code` 0 is success. */
export const WrapperSchema = v.looseObject({
  code: v.number().int(),
  desc: v.string().optional().default(''),
  data: v.unknown().optional(),
  maintenance: v.boolean().optional().default(false),
  warnings: v.array(v.unknown()).optional().default([]),
});

export const LoginDataSchema = v.looseObject({ token: v.string().min(1) });

const text = v.string().nullable().optional().transform((v) => v ?? null);

export const OrderSchema = v.looseObject({
  id: v.union([v.number().int(), v.string().min(1)]).transform(String),
  status: v.string(),
  common_name: text,
  host_names: v.array(v.string()).nullable().optional().transform((v) => v ?? []),
  active_date: text,
  expiration_date: text,
  certificate: text,
  intermediate_certificate: text,
  root_certificate: text,
});
export type ApiOrder = v.Output<typeof OrderSchema>;

export const OrdersPageSchema = v.looseObject({
  results: v.array(OrderSchema).nullable().optional().transform((v) => v ?? []),
  total: v.number().int().nonnegative(),
});

/** Why a call failed, as the sync status shows it. */
export type ApiFailureKind = Exclude<ProviderFailureKind, 'not-configured'>;

export class ApiError extends ProviderError {
  override readonly name = 'ApiError';
  /** The HTTP status, when one came back. */
  readonly status: number | null;

  constructor(kind: ApiFailureKind, message: string, status: number | null = null) {
    super(kind, message);
    this.status = status;
  }
}

/** A validation failure as one line naming the fields, for the sync's error. */
export function describeIssues(error: v.ValidationError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'response'}: ${i.message}`).join('; ');
}
