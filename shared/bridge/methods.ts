/**
 * The request side of the bridge: every method the UI may call, its params schema and its
 * result type. Transports (HTTP now, IPC in the desktop shell) validate every call with
 * `parseParams` before the core sees it.
 */
import { z } from 'zod';
import { formatPath } from '../config/index.ts';
import {
  DELIVERY_OUTCOMES, SIGNATURE_VERDICTS, type CertificateSummary, type DeliveryRecord, type DeliverySummary,
  type HookEntry, type MaskedConfig, type NotificationEntry, type RawBody, type ServiceStatus, type ValidationResult,
} from './types.ts';

const none = z.strictObject({});
const recordId = z.strictObject({ id: z.string().trim().min(1, 'id must not be empty').max(200) });

export const MAX_LIST_LIMIT = 500;

export const methodParams = {
  status: none,
  'deliveries.list': z.strictObject({
    event: z.string().min(1).max(200).optional(),
    outcome: z.enum(DELIVERY_OUTCOMES as [string, ...string[]]).optional(),
    signature: z.enum(SIGNATURE_VERDICTS as [string, ...string[]]).optional(),
    /** A substring of the common name or the delivery id. */
    search: z.string().max(200).optional(),
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  }),
  'deliveries.get': recordId,
  'deliveries.raw': recordId,
  'deliveries.replay': recordId,
  'certificates.list': none,
  'notifications.list': z.strictObject({ limit: z.number().int().min(1).max(MAX_LIST_LIMIT).optional() }),
  'settings.get': none,
  'settings.validate': z.strictObject({ config: z.unknown() }),
  'hooks.list': none,
} as const;

export type MethodName = keyof typeof methodParams;
export const METHOD_NAMES = Object.keys(methodParams) as MethodName[];

export type MethodParams<M extends MethodName> = z.output<(typeof methodParams)[M]>;

export interface MethodResults {
  status: ServiceStatus;
  'deliveries.list': DeliverySummary[];
  'deliveries.get': DeliveryRecord;
  'deliveries.raw': RawBody;
  /** The new attempt the replay stored. */
  'deliveries.replay': DeliveryRecord;
  'certificates.list': CertificateSummary[];
  'notifications.list': NotificationEntry[];
  'settings.get': MaskedConfig;
  'settings.validate': ValidationResult;
  'hooks.list': HookEntry[];
}

export type MethodResult<M extends MethodName> = MethodResults[M];

/** The whole contract, one entry per method: what goes in, what comes back. */
export type BridgeContract = { [M in MethodName]: { params: MethodParams<M>; result: MethodResults[M] } };

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methodParams, name);
}

export type ParamsResult<M extends MethodName> = { ok: true; params: MethodParams<M> } | { ok: false; error: string };

/** Validates a call's params; absent params (undefined or null) mean `{}`. */
export function parseParams<M extends MethodName>(method: M, params: unknown): ParamsResult<M> {
  const parsed = methodParams[method].safeParse(params ?? {});
  if (parsed.success) return { ok: true, params: parsed.data as MethodParams<M> };
  const error = parsed.error.issues.map((issue) => {
    const where = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : formatPath(issue.path);
    return `${where === '$' ? 'params' : where}: ${issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message}`;
  }).join('; ');
  return { ok: false, error: `invalid params for ${method}: ${error}` };
}
