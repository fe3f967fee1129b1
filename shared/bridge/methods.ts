/**
 * The request side of the bridge: every method the UI may call, its params schema and its
 * result type. Transports (HTTP now, IPC in the desktop shell) validate every call with
 * `parseParams` before the core sees it.
 */
import * as v from '../validation/index.ts';
import { formatPath } from '../config/index.ts';
import { DELIVERY_OUTCOMES, SIGNATURE_VERDICTS, type CertificateSummary, type DeploymentResult, type DeploymentStatus, type DeliveryHistogram, type DeliveryRecord, type DeliverySummary, type HookEntry, type HookInput, type HookTestRun, type MaskedConfig, type NotificationEntry, type PauseState, type ProviderInput, type RawBody, type ReachabilityResult, type SaveResult, type ServiceStatus, type SettingsInput, type TunnelState, type ValidationResult } from './types.ts';
import type { ProviderTestResult, SyncChange, SyncResult, SyncStatus } from './sync-types.ts';

const none = v.strictObject({});
const recordId = v.strictObject({ id: v.string().trim().min(1, 'id must not be empty').max(200) });

export const MAX_LIST_LIMIT = 500;
/** The deliveries chart spans at most a week of hourly slots. */
export const MAX_HISTOGRAM_HOURS = 168;
export const DEFAULT_HISTOGRAM_HOURS = 48;

const instant = (name: string) => v.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 date-time (2026-06-01T12:00:00Z)` });
/** The HTTP transport caps params at 1 MiB; an edited body can be no larger. */
export const MAX_EDITED_BODY = 1_048_576;

function isJsonObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The params check the shape the UI builds; what the user typed (an empty label, a bad port, an
 * empty command) is checked by the shared config schema and comes back as errors with JSON paths.
 */
const secretLabel = v.string().max(200);
const editedSecret = v.union([
  v.strictObject({ label: secretLabel, keep: v.literal(true) }),
  v.strictObject({ label: secretLabel, value: v.string().max(10_000) }),
  v.strictObject({ label: secretLabel, env: v.string().max(200) }),
], { error: 'a secret is {label, keep: true}, {label, value} or {label, env}' });
const editedPassword = v.union([
  v.strictObject({ keep: v.literal(true) }),
  v.strictObject({ value: v.string().max(10_000) }),
  v.strictObject({ env: v.string().max(200) }),
], { error: 'the password is {keep: true}, {value} or {env}' });
const providerInput = v.looseObject({ password: editedPassword });
const settingsInput = v.looseObject({ secrets: v.array(editedSecret).max(100).optional(),
  provider: providerInput.nullable().optional() }) as unknown as v.Schema<SettingsInput>;
const hookInput = v.custom<HookInput>(isJsonObject, { error: 'each hook must be a JSON object' });

export const methodParams = {
  status: none,
  'deliveries.list': v.strictObject({
    event: v.string().min(1).max(200).optional(),
    outcome: v.enum(DELIVERY_OUTCOMES as [string, ...string[]]).optional(),
    signature: v.enum(SIGNATURE_VERDICTS as [string, ...string[]]).optional(),
    /** A substring of the common name or the delivery id. */
    search: v.string().max(200).optional(),
    /** Only the deliveries of this certificate. */
    certificateId: v.string().min(1).max(200).optional(),
    /** Received at or after this instant. */
    since: instant('since').optional(),
    /** Received before this instant (exclusive), so consecutive ranges do not overlap. */
    until: instant('until').optional(),
    beforeId: v.number().int().positive().optional(),
    limit: v.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  }),
  /** Deliveries per hour by outcome, the last `hours` whole hours up to now (the dashboard's chart). */
  'deliveries.histogram': v.strictObject({
    hours: v.number().int().min(1).max(MAX_HISTOGRAM_HOURS).optional(),
  }),
  /** A signed test delivery (`certbell.test`) to the local listener, with the first secret. */
  'deliveries.sendTest': none,
  'deliveries.get': recordId,
  'deliveries.raw': recordId,
  /** `force`: replay even though the delivery's signature was not `valid` (the user confirmed it). */
  'deliveries.replay': v.strictObject({ id: recordId.shape.id, force: v.boolean().optional() }),
  'certificates.list': none,
  'notifications.list': v.strictObject({
    limit: v.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
    /** Only the notifications of this certificate. */
    certificateId: v.string().min(1).max(200).optional(),
  }),
  'settings.get': none,
  'settings.validate': v.strictObject({ config: v.unknown() }),
  'hooks.list': none,
  'settings.save': v.strictObject({ config: settingsInput }),
  'hooks.save': v.strictObject({
    hooks: v.array(hookInput).max(500),
    hooksFile: v.string().max(4096).nullable().optional(),
    hookTimeoutMs: v.number().optional(),
    allowPreHookFailure: v.boolean().optional(),
    allowSuccessHookFailure: v.boolean().optional(),
    allowPostHookFailure: v.boolean().optional(),
  }),
  'hooks.test': v.strictObject({
    name: v.string().trim().min(1, 'name must not be empty').max(200),
    deliveryId: v.string().trim().min(1, 'deliveryId must not be empty').max(200),
    /** Chosen by the caller so it can match `hookOutput` events before the call returns; else generated. */
    runId: v.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'runId: 1 to 64 letters, digits, "-" or "_"').optional(),
  }),
  'deliveries.replayEdited': v.strictObject({
    id: recordId.shape.id,
    body: v.string().max(MAX_EDITED_BODY, `the body is larger than ${MAX_EDITED_BODY} bytes`),
  }),
  'notifications.test': none,
  'notifications.pauseState': none,
  /**
   * An instant, not a duration: "until tomorrow" is 08:00 in the caller's time zone, which only the
   * caller (the browser, the tray) knows. null, or an instant already past, resumes.
   */
  'notifications.pause': v.strictObject({
    until: v.iso.datetime({ offset: true, error: 'until must be an ISO 8601 date-time (2026-06-01T12:00:00Z) or null' }).nullable(),
  }),
  'deployment.list': v.strictObject({ certificateId: v.string().min(1).max(200).optional() }),
  'deployment.history': v.strictObject({
    certificateId: v.string().min(1).max(200),
    target: v.string().min(1).max(300).optional(),
    limit: v.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  }),
  'deployment.check': v.strictObject({ certificateId: v.string().min(1).max(200).optional() }),
  'deployment.status': none,
  'sync.status': none,
  /** Syncs now with the configured provider (SPEC §13). */
  'sync.run': none,
  /** What syncs changed, newest first: of one certificate (its timeline) or of all. */
  'sync.changes': v.strictObject({
    certificateId: v.string().min(1).max(200).optional(),
    limit: v.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  }),
  /** Logs in with the provider block as edited (not saved yet) and reads the first page of orders. */
  'sync.test': v.strictObject({ provider: providerInput as unknown as v.Schema<ProviderInput> }),
  'tunnel.state': none,
  'tunnel.start': none,
  'tunnel.stop': none,
  'tunnel.check': none,
} as const;

export type MethodName = keyof typeof methodParams;
export const METHOD_NAMES = Object.keys(methodParams) as MethodName[];

export type MethodParams<M extends MethodName> = v.Output<(typeof methodParams)[M]>;

export interface MethodResults {
  status: ServiceStatus;
  'deliveries.list': DeliverySummary[];
  'deliveries.histogram': DeliveryHistogram;
  /** As the tunnel check reports it: whether it arrived and what the listener answered. */
  'deliveries.sendTest': ReachabilityResult;
  'deliveries.get': DeliveryRecord;
  'deliveries.raw': RawBody;
  /** The new attempt the replay stored. */
  'deliveries.replay': DeliveryRecord;
  'certificates.list': CertificateSummary[];
  'notifications.list': NotificationEntry[];
  'settings.get': MaskedConfig;
  'settings.validate': ValidationResult;
  'hooks.list': HookEntry[];
  /** Writes config.json (secrets merged by label); never returns a secret value. */
  'settings.save': SaveResult;
  /** Replaces the hooks section (and the given policy flags) of config.json. */
  'hooks.save': SaveResult;
  /** Runs one hook in force against a stored delivery, as `certbell hooks test`; the run is not stored. */
  'hooks.test': HookTestRun;
  /** The edited body through the pipeline as a new attempt of the same delivery id. */
  'deliveries.replayEdited': DeliveryRecord;
  /** The `test` notification as recorded (shown unless notifications or the kind are off, or quiet hours). */
  'notifications.test': NotificationEntry;
  /** Until when notifications are paused, or null. */
  'notifications.pauseState': PauseState;
  /** Pauses (recorded as not shown, for `paused`) until the given instant, or resumes; the state in force after it. */
  'notifications.pause': PauseState;
  /** The latest result per target (SPEC §12), of one certificate or of all. */
  'deployment.list': DeploymentResult[];
  /** Every stored result of one certificate (or one of its targets), newest first. */
  'deployment.history': DeploymentResult[];
  /** Checks now (one certificate, or all); each result is also pushed as a `deployment` event as it comes. */
  'deployment.check': DeploymentResult[];
  'deployment.status': DeploymentStatus;
  'sync.status': SyncStatus;
  /** The run's result, also when it failed (`ok: false` with the reason); the inventory is untouched then. */
  'sync.run': SyncResult;
  'sync.changes': SyncChange[];
  'sync.test': ProviderTestResult;
  'tunnel.state': TunnelState;
  /** Starts `tunnel.command` (no-op when running); the state says `failed` with why when it cannot. */
  'tunnel.start': TunnelState;
  /** Stops the tunnel and its whole process group. */
  'tunnel.stop': TunnelState;
  /** A signed test delivery through the public webhook URL (SPEC §8). */
  'tunnel.check': ReachabilityResult;
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
    const where = formatPath(issue.path);
    return `${where === '$' ? 'params' : where}: ${issue.message}`;
  }).join('; ');
  return { ok: false, error: `invalid params for ${method}: ${error}` };
}
