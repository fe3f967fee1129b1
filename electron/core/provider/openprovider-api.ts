/**
 * The Openprovider REST API subset of SPEC §13, read with zod: the response wrapper
 * `{code, desc, data, maintenance, warnings}`, login, the orders list (paged) and one order.
 * Only the fields Certbell uses are read; everything else in a response is ignored.
 */
import { z } from 'zod';
import { ProviderError, type ProviderFailureKind } from './provider.ts';

export const API_ORDER_STATUSES = ['PAI', 'ACT', 'FAI', 'EXP', 'REJ', 'REQ'] as const;

/** Every answer is wrapped so; `code` 0 is success. */
export const WrapperSchema = z.looseObject({
  code: z.number().int(),
  desc: z.string().optional().default(''),
  data: z.unknown().optional(),
  maintenance: z.boolean().optional().default(false),
  warnings: z.array(z.unknown()).optional().default([]),
});

export const LoginDataSchema = z.looseObject({ token: z.string().min(1) });

const text = z.string().nullable().optional().transform((v) => v ?? null);

export const OrderSchema = z.looseObject({
  id: z.union([z.number().int(), z.string().min(1)]).transform(String),
  status: z.string(),
  common_name: text,
  host_names: z.array(z.string()).nullable().optional().transform((v) => v ?? []),
  active_date: text,
  expiration_date: text,
  certificate: text,
  intermediate_certificate: text,
  root_certificate: text,
});
export type ApiOrder = z.output<typeof OrderSchema>;

export const OrdersPageSchema = z.looseObject({
  results: z.array(OrderSchema).nullable().optional().transform((v) => v ?? []),
  total: z.number().int().nonnegative(),
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

/** A zod failure as one line naming the fields, for the sync's error. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'response'}: ${i.message}`).join('; ');
}
