/**
 * The values the bridge carries, as plain JSON. They mirror what the CLI prints with `--json`
 * (SPEC §9), so the UI and the command line always agree about a data directory.
 */
import type { DeploymentState } from '../deployment/states.ts';
import type { Config, ConfigError, ConfigInput } from '../config/index.ts';

export type DeliveryOutcome = 'accepted' | 'duplicate' | 'rejected' | 'aborted';
export const DELIVERY_OUTCOMES: readonly DeliveryOutcome[] = ['accepted', 'duplicate', 'rejected', 'aborted'];

export type SignatureVerdict = 'valid' | 'invalid' | 'missing' | 'unverified';
export const SIGNATURE_VERDICTS: readonly SignatureVerdict[] = ['valid', 'invalid', 'missing', 'unverified'];

export type HookStage = 'pre' | 'success' | 'post';

/** A row of the deliveries list (`certbell deliveries --json`). */
export interface DeliverySummary {
  id: number;
  deliveryId: string;
  attempt: number;
  receivedAt: string;
  event: string | null;
  entityId: string | null;
  commonName: string | null;
  signature: SignatureVerdict;
  outcome: DeliveryOutcome;
  status: number;
}

/** Deliveries per time slot by outcome (the dashboard's chart), counted by the store. */
export interface DeliveryHistogram {
  /** The first slot's start (ISO 8601); slots are whole hours and the last one holds now. */
  from: string;
  /** The end of the last slot (exclusive). */
  until: string;
  bucketMs: number;
  buckets: DeliveryBucket[];
}

export interface DeliveryBucket extends Record<DeliveryOutcome, number> {
  /** The slot's start (ISO 8601); it ends `bucketMs` later (exclusive). */
  start: string;
}

/** What an HMAC covered: the raw body, the `data` bytes as sent, or `data` re-serialized compactly. */
export type SignedInput = 'body' | 'data-raw' | 'data-compact';

/**
 * What the verifier found, for programs and the inspector (`reason` says the same for people); the
 * verdict says what it meant (e.g. `no-header` is `missing`, or `unverified` under allowUnsigned):
 * `matched` a secret matched (the reason names it and the input); `no-match` digests were computed
 * and none matched; `no-header` no Signature header; `no-secret` no secret configured, nothing
 * checked; `too-many` more signatures than are checked, none computed; `unreadable` no signature in
 * the header has a supported algorithm and a well-formed digest; `edited` an edited-body replay.
 */
export type SignatureCode = 'matched' | 'no-match' | 'no-header' | 'no-secret' | 'too-many' | 'unreadable' | 'edited';

/** Which secrets and signed inputs were tried; digests are cut to 12 hex characters. */
export interface SignatureExplanation {
  verdict: SignatureVerdict;
  /** Absent from records stored before it existed (shared/bridge/signature-code.ts derives one). */
  code?: SignatureCode;
  reason: string;
  received: { algorithm: string; digest: string }[];
  matched: { secret: string; input: SignedInput; algorithm: string } | null;
  tried: { secret: string; input: SignedInput; algorithm: string; computed: string }[];
  /** `too-many`: how many signatures the header held (`received` lists only the first ones). */
  signatureCount?: number;
  /** `edited`: the record whose body was edited and replayed. */
  editedFrom?: number;
  /**
   * A replay of a delivery whose signature was not `valid`, made only because the user confirmed it
   * (`certbell replay --force`, the inspector's dialog); the verdict stays the original's.
   */
  forcedReplay?: true;
}

export interface HookRunRecord {
  hook: string;
  stage: HookStage;
  startedAt: string;
  durationMs: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  error: string | null;
}

/** One record in full (`certbell delivery <id> --json`). */
export interface DeliveryRecord extends DeliverySummary {
  method: string;
  path: string;
  /** The client address: the socket peer, or `listener.clientAddressHeader` from a loopback peer. */
  remoteAddress: string | null;
  /** The socket peer the request came from (a tunnel's is loopback). */
  socketAddress: string | null;
  /**
   * Headers that disagreed with the signed metadata (SPEC §11) and were ignored, by field:
   * e.g. `{"event": {"header": "ssl_panel.issued", "signed": "ssl_panel.created"}}`. Null when none.
   */
  headerMismatch: HeaderMismatch | null;
  /** The delivery id whose signed content this delivery repeats (SPEC §11), or null. */
  replayOf: string | null;
  headers: Record<string, string | string[]>;
  rawHeaders: [string, string][];
  /** The body as UTF-8 text; bytes that are not UTF-8 read as U+FFFD here (see `bodyBase64`). */
  body: string | null;
  /** The exact bytes, only when the body is not valid UTF-8 (so `body` cannot be exact). */
  bodyBase64?: string;
  bodySize: number;
  bodyStored: boolean;
  response: string | null;
  signatureDetail: SignatureExplanation | null;
  certificateId: string | null;
  orderId: string | null;
  error: string | null;
  attempts: { id: number; attempt: number; receivedAt: string; outcome: DeliveryOutcome; status: number }[];
  hookRuns: HookRunRecord[];
}

export type MismatchField = 'deliveryId' | 'event' | 'entityId';
export type HeaderMismatch = Partial<Record<MismatchField, { header: string; signed: string | null }>>;
/** Each mismatch field by the header the provider sends it in, in the order the inspector and the CLI list them. */
export const MISMATCH_HEADERS: readonly (readonly [MismatchField, string])[] = [['deliveryId', 'Delivery'], ['event', 'Event'], ['entityId', 'Entity-Id']];

/** The exact body bytes, base64, or null when none was kept (e.g. a 413). */
export interface RawBody {
  id: number;
  base64: string | null;
  size: number;
}

/** A row of `certbell certificates --json`. */
export interface CertificateSummary {
  id: string;
  commonName: string | null;
  orderId: string | null;
  orderStatus: string | null;
  status: string | null;
  operation: string | null;
  statusText: string;
  expireAt: string | null;
  daysLeft: number | null;
  activatedAt: string | null;
  preValidationStatus: string | null;
  failedValidators: string[];
  lastEvent: string | null;
  lastDelivery: string | null;
  updatedAt: string;
  /** SPEC §12: the worst state of its deployment targets at their last check, or null (no issued PEM, not checked yet). */
  deployment: DeploymentState | null;
  /** SPEC §13: known only from the provider's API (no delivery about it has been received). */
  providerOnly: boolean;
  /** When a provider sync last saw its order, or null. */
  syncedAt: string | null;
  /** A renewal or reissue that failed and no later issue resolved (issue 22), or null. */
  failure: CertificateFailure | null;
}

/** `ssl_panel.renew_failed` / `ssl_panel.reissue_failed`, until a later `ssl_panel.issued`. */
export interface CertificateFailure {
  event: string;
  operation: 'renewal' | 'reissue';
  /** The delivery that said so. */
  deliveryId: string | null;
  /** When it was first received (ISO 8601). */
  at: string;
}


/**
 * One target's deployment check (SPEC §12), a row of `certbell deployment --json`: the latest per
 * target there and in `deployment.list`, every one in `deployment.history`.
 */
export interface DeploymentResult {
  certificateId: string;
  commonName: string | null;
  /** The name checked: sent as SNI, and the name the served certificate must cover. */
  name: string;
  /** Where Certbell connected: "host:port". */
  target: string;
  state: DeploymentState;
  /** SHA-256 of the served leaf (as `openssl x509 -fingerprint -sha256` prints it), null when nothing was served. */
  servedFingerprint: string | null;
  issuedFingerprint: string;
  servedNotAfter: string | null;
  /** Whether the served chain verifies against the system's CAs (recorded, never fatal); null when nothing was served. */
  chainVerified: boolean | null;
  /** Why it does not verify (OpenSSL's code, e.g. SELF_SIGNED_CERT_IN_CHAIN). */
  chainError: string | null;
  checkedAt: string;
  durationMs: number;
  /** Why the target is `unreachable` (refused, timed out, handshake failed), else null. */
  error: string | null;
}

/** The deployment checker's own state, for the dashboard and the certificate page. */
export interface DeploymentStatus {
  enabled: boolean;
  /** A round is running now (started by the schedule or on demand). */
  checking: boolean;
  lastRoundAt: string | null;
  /** Certificate names that are wildcards without a configured target: nothing to connect to. */
  wildcardsWithoutTarget: { certificateId: string; name: string }[];
}

/** A row of `certbell notifications --json`. */
export interface NotificationEntry {
  id: number;
  kind: string;
  title: string;
  body: string;
  urgency: string;
  certificateId: string | null;
  deliveryId: string | null;
  createdAt: string;
  shown: boolean;
  /** Why not shown: disabled, kind-off, paused, quiet-hours, no-notifier (NotShownReason). */
  reason: string | null;
}

/** Whether notifications are paused: until when (ISO 8601), or null. An expired pause reads null. */
export interface PauseState {
  pausedUntil: string | null;
}

/** A hook in force (`certbell hooks list --json`). */
export type HookEntry =
  | { kind: 'command'; name: string; stage: HookStage; events: string[]; command: string[]; cwd: string;
      env: Record<string, string>; timeoutMs: number }
  | { kind: 'file'; name: string; stage: HookStage; events: string[]; file: string; method: string; cwd: string;
      timeoutMs: number };

export interface ServiceStatus {
  webhookUrl: string;
  listener: { host: string; port: number; path: string };
  counts: Record<DeliveryOutcome, number>;
  total: number;
  dataDir: string;
  /** The desktop notifier of this run; 'none' when notifications are only recorded in the history (no D-Bus, say). */
  notifier: string;
  /** What verification stands on now: the secrets in force (resolved) and `allowUnsigned` (see attention.ts `setupProblems`). */
  signing: { secrets: number; allowUnsigned: boolean };
  /**
   * Desktop face only: how secrets saved from the UI are sealed. `secure: false` when the
   * platform offers no real keyring (Linux `basic_text`), so the UI can warn.
   */
  secretStorage?: SecretStorageStatus;
}

export interface SecretStorageStatus {
  /** safeStorage's backend name ('basic_text', 'gnome_libsecret', 'keychain', 'dpapi', …). */
  backend: string;
  secure: boolean;
  /** What the user should know, when not secure. */
  warning: string | null;
}

export const SECRET_MASK = '********';

/** A secret as the UI may see it: its label and where its value comes from, never the value. */
export interface MaskedSecret {
  label: string;
  kind: 'value' | 'env' | 'encrypted';
  masked: typeof SECRET_MASK;
}

/** The provider block as the UI may see it: the password reduced to where it comes from. */
export type MaskedProvider = Omit<NonNullable<Config['provider']>, 'password'> & {
  password: { kind: MaskedSecret['kind']; masked: typeof SECRET_MASK };
};

export type MaskedConfig = Omit<Config, 'secrets' | 'provider'> & { secrets: MaskedSecret[]; provider: MaskedProvider | null };

export interface ValidationResult {
  valid: boolean;
  errors: ConfigError[];
}

/**
 * A secret as the UI sends it back: keep the stored one of this label (the UI never saw its value),
 * a new value, or an environment variable. Encrypted secrets are kept with `keep`.
 */
export type EditedSecret = { label: string; keep: true } | { label: string; value: string } | { label: string; env: string };

/** The settings as the UI edits them (`settings.save`): the config of SPEC §2 with edited secrets. */
export type SettingsInput = Omit<ConfigInput, 'secrets' | 'provider'> & { secrets?: EditedSecret[]; provider?: ProviderInput | null };

/** The provider's password as the UI sends it back: keep the stored one, a new value, or an environment variable. */
export type EditedPassword = { keep: true } | { value: string } | { env: string };

/** The provider block as the UI edits it (`settings.save`, `sync.test`). */
export type ProviderInput = Omit<NonNullable<ConfigInput['provider']>, 'password'> & { password: EditedPassword };

/** A hook as the UI edits it (`hooks.save`); checked against the shared schema on save. */
export type HookInput = NonNullable<ConfigInput['hooks']>[number];

/**
 * What a save did. Invalid input: every error with its JSON path (`hooks[1].command`), nothing
 * written. Saved: config.json was replaced; `applied` says whether the running server had
 * reloaded it when the call returned. `settings` never carries a secret value.
 */
export type SaveResult = { saved: true; applied: boolean; settings: MaskedConfig } | { saved: false; errors: ConfigError[] };

/** A test run of one hook (`hooks.test`); its output was pushed as `hookOutput` events with this runId. */
export interface HookTestRun extends HookRunRecord {
  runId: string;
}

/** A chunk of a running test hook's output (`hooks.test`). */
export interface HookOutput {
  runId: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * The reachability check's own deliveries: this delivery id prefix and event name mark them, so the
 * listener stores them (as proof they arrived) without hooks, inventory changes or notifications.
 */
export const CHECK_DELIVERY_PREFIX = 'certbell-check-';
export const CHECK_EVENT = 'certbell.test';

export function isCheckDelivery(deliveryId: string | null | undefined): boolean {
  return typeof deliveryId === 'string' && deliveryId.startsWith(CHECK_DELIVERY_PREFIX);
}

/** SPEC §8. `restarting`: the command exited and is started again after a backoff delay. */
export type TunnelPhase = 'stopped' | 'starting' | 'up' | 'failed' | 'restarting';

/** The outcome of a reachability check: what the provider would have seen at the public URL. */
export interface ReachabilityResult {
  ok: boolean;
  url: string;
  deliveryId: string;
  checkedAt: string;
  durationMs: number;
  /** The HTTP status the URL answered, null when it could not be reached. */
  status: number | null;
  /** Whether this Certbell's listener stored the test delivery. */
  received: boolean;
  message: string;
}

export interface TunnelState {
  phase: TunnelPhase;
  /** The argv as run (`{port}` replaced), null without `tunnel.command`. */
  command: string[] | null;
  pid: number | null;
  /** The URL read from the tunnel's output. */
  tunnelUrl: string | null;
  /** What to paste into Openprovider: `tunnel.publicUrl`, else the tunnel URL + `listener.path`. */
  webhookUrl: string | null;
  upSince: string | null;
  /** Restarts since the tunnel last stayed up; drives the backoff. */
  restarts: number;
  nextRestartAt: string | null;
  error: string | null;
  /** The last lines the tunnel printed (stdout and stderr). */
  output: string[];
  lastCheck: ReachabilityResult | null;
  checking: boolean;
}
