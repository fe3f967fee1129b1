/** The settings of SPEC §2: one schema for the desktop (electron-store) and the headless face. */
import * as v from '../validation/index.ts';
import { isCertificateName, parseTarget } from '../deployment/targets.ts';

const port = v.number().int().min(0).max(65535);
const positiveInt = v.number().int().positive();
const clock = v.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as "HH:MM"');

export const SecretSchema = v.strictObject({
  label: v.string().min(1, 'a secret needs a label'),
  value: v.string().min(1, 'the secret value is empty').optional(),
  env: v.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
  encrypted: v.string().min(1).optional(),
}).check((ctx) => {
  const sources = (['value', 'env', 'encrypted'] as const).filter((k) => ctx.value[k] !== undefined);
  if (sources.length !== 1) {
    ctx.issues.push({ code: 'custom', input: ctx.value, path: [],
      message: 'a secret needs exactly one of "value", "env" or "encrypted"' });
  }
// The check above, as the published JSON Schema says it (an editor then flags it too).
}).meta({ oneOf: (['value', 'env', 'encrypted'] as const).map((source) => ({ required: [source] })) });

/** A credential that is not a signing secret (SPEC §13's API password): the same three sources, no label. */
export const CredentialSchema = v.strictObject({
  value: v.string().min(1, 'the password is empty').optional(),
  env: v.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
  encrypted: v.string().min(1).optional(),
}, { error: 'the password is {"env": "VAR"}, {"value": "..."} (config.json mode 0600) or, in the desktop app, {"encrypted": "..."}' })
  .check((ctx) => {
    const sources = (['value', 'env', 'encrypted'] as const).filter((k) => ctx.value[k] !== undefined);
    if (sources.length !== 1) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: [],
        message: 'the password needs exactly one of "value", "env" or "encrypted"' });
    }
  }).meta({ oneOf: (['value', 'env', 'encrypted'] as const).map((source) => ({ required: [source] })) });

export const PROVIDER_KINDS = ['openprovider'] as const;
export const DEFAULT_PROVIDER_API_URL = 'https://api.openprovider.eu';

/** SPEC §13: the provider whose API the inventory is reconciled with. */
export const ProviderSchema = v.strictObject({
  kind: v.enum(PROVIDER_KINDS, { error: 'kind must be "openprovider"' }),
  apiUrl: v.url({ protocol: /^https?$/, error: 'apiUrl must be an http(s) URL such as https://api.openprovider.eu' })
    .default(DEFAULT_PROVIDER_API_URL),
  username: v.string().trim().min(1, 'the API username is empty'),
  password: CredentialSchema,
  intervalMinutes: positiveInt.default(60),
  /** Per API call. */
  timeoutMs: positiveInt.default(15_000),
});

export const HOOK_STAGES = ['pre', 'success', 'post'] as const;

export const HookSchema = v.strictObject({
  name: v.string().trim().min(1, 'a hook needs a name'),
  stage: v.enum(HOOK_STAGES, { error: 'stage must be "pre", "success" or "post"' }),
  // Event names are matched exactly; "*" alone is the only wildcard (a pattern would silently never match).
  events: v.array(v.string().min(1).refine((e) => e === '*' || !e.includes('*'),
    'an event is a full name such as "ssl_panel.issued", or "*" for every event (no patterns)'))
    .min(1, 'events must name at least one event, or "*"').optional(),
  command: v.array(v.string()).min(1, 'command must not be empty')
    .refine((argv) => argv.length === 0 || argv[0].trim().length > 0, 'the program (command[0]) must not be empty'),
  cwd: v.string().min(1).nullable().default(null),
  env: v.record(v.string(), v.string()).default({}),
  timeoutMs: positiveInt.optional(),
  enabled: v.boolean().default(true),
});

const kinds = v.strictObject({
  issued: v.boolean().default(true),
  failed: v.boolean().default(true),
  expiring: v.boolean().default(true),
  action: v.boolean().default(true),
  test: v.boolean().default(true),
  hook: v.boolean().default(true),
  security: v.boolean().default(true),
  deployment: v.boolean().default(true),
  info: v.boolean().default(false),
});

function isRegex(source: string): boolean {
  try { new RegExp(source); return true; } catch { return false; }
}

export const ConfigSchema = v.strictObject({
  $schema: v.string().optional(),
  listener: v.strictObject({
    host: v.string().min(1).default('127.0.0.1'),
    port: port.default(7413),
    path: v.string().regex(/^\/\S*$/, 'the path must start with "/" and contain no spaces').default('/webhook'),
    maxBodyBytes: positiveInt.default(1_048_576),
    headersTimeoutMs: positiveInt.default(10_000),
    bodyTimeoutMs: positiveInt.default(30_000),
    /** SPEC §11: connections past this are closed at once. */
    maxConnections: positiveInt.default(256),
    /** SPEC §11: request bodies being buffered, all together; past it a body gets 503. */
    maxBufferedBytes: positiveInt.default(67_108_864),
    /** SPEC §11: a body arriving slower than this (after a 5 s grace) gets 408. */
    minBodyBytesPerSecond: v.number().int().nonnegative().default(1024),
    /** SPEC §11: the header carrying the real client address, trusted only from a loopback peer. */
    clientAddressHeader: v.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid HTTP header name')
      .nullable().default(null),
    rejectLimit: v.strictObject({
      max: positiveInt.default(20),
      windowSeconds: positiveInt.default(60),
    }).prefault({}),
  }).prefault({}),
  secrets: v.array(SecretSchema).default([]),
  allowUnsigned: v.boolean().default(false),
  signatureInput: v.enum(['auto', 'body', 'data']).default('auto'),
  hooks: v.array(HookSchema).default([]),
  hooksFile: v.string().min(1).nullable().default(null),
  hookTimeoutMs: positiveInt.default(10_000),
  /** Hook processes running at once, across all certificates; more wait their turn. */
  maxConcurrentHooks: positiveInt.default(4),
  allowPreHookFailure: v.boolean().default(false),
  allowSuccessHookFailure: v.boolean().default(false),
  allowPostHookFailure: v.boolean().default(true),
  notifications: v.strictObject({
    enabled: v.boolean().default(true),
    kinds: kinds.prefault({}),
    expiryThresholdsDays: v.array(positiveInt).default([30, 14, 7, 3, 1]),
    quietHours: v.strictObject({ from: clock, to: clock }).nullable().default(null),
  }).prefault({}),
  tunnel: v.strictObject({
    command: v.array(v.string()).min(1, 'command must not be empty')
      .refine((argv) => argv.length === 0 || argv[0].trim().length > 0, 'the program (command[0]) must not be empty')
      .nullable().default(null),
    urlPattern: v.string().refine(isRegex, 'not a valid regular expression').nullable().default(null),
    publicUrl: v.url({ protocol: /^https?$/ }).nullable().default(null),
    autoStart: v.boolean().default(false),
  }).prefault({}),
  /** SPEC §12: is the issued certificate what the hosts actually serve? */
  deployment: v.strictObject({
    enabled: v.boolean().default(true),
    /** Per certificate name (host or wildcard): where to connect instead of name:443. The SNI stays the name. */
    targets: v.record(v.string(),
      v.array(v.string().refine((t) => parseTarget(t) !== null,
        'a target is "host:port" (port 1–65535; an IPv6 address in brackets: "[::1]:8443")'))
        .min(1, 'give at least one "host:port", or remove the name'),
    ).check((ctx) => {
      // Checked here rather than as the record's key schema: the message names the key.
      for (const name of Object.keys(ctx.value)) {
        if (!isCertificateName(name)) {
          ctx.issues.push({ code: 'custom', input: name, path: [name],
            message: `"${name}" is not a certificate name such as "shop.example.nl" or "*.example.nl"` });
        }
      }
    }).default({}),
    graceHours: v.number().nonnegative().default(2),
    intervalHours: v.number().positive().default(6),
    timeoutMs: positiveInt.default(10_000),
  }).prefault({}),
  provider: ProviderSchema.nullable().default(null),
  ui: v.strictObject({ port: port.default(7414) }).prefault({}),
  /** Desktop-face settings; the headless face ignores them. */
  desktop: v.strictObject({
    /** Start Certbell at login (login items on macOS/Windows, ~/.config/autostart on Linux). */
    autostart: v.boolean().default(false),
  }).prefault({}),
  retention: v.strictObject({
    maxDeliveries: positiveInt.default(100_000),
    maxDays: positiveInt.default(365),
  }).prefault({}),
});

export type Config = v.Output<typeof ConfigSchema>;
export type ConfigInput = v.Input<typeof ConfigSchema>;
export type SecretConfig = v.Output<typeof SecretSchema>;
export type HookConfig = v.Output<typeof HookSchema>;
export type ProviderConfig = v.Output<typeof ProviderSchema>;
export type CredentialConfig = v.Output<typeof CredentialSchema>;
export type NotificationKind = keyof Config['notifications']['kinds'];
