/** The settings of SPEC §2: one zod schema for the desktop (electron-store) and the headless face. */
import { z } from 'zod';
import { isCertificateName, parseTarget } from '../deployment/targets.ts';

const port = z.number().int().min(0).max(65535);
const positiveInt = z.number().int().positive();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as "HH:MM"');

export const SecretSchema = z.strictObject({
  label: z.string().min(1, 'a secret needs a label'),
  value: z.string().min(1, 'the secret value is empty').optional(),
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
  encrypted: z.string().min(1).optional(),
}).check((ctx) => {
  const sources = (['value', 'env', 'encrypted'] as const).filter((k) => ctx.value[k] !== undefined);
  if (sources.length !== 1) {
    ctx.issues.push({ code: 'custom', input: ctx.value, path: [],
      message: 'a secret needs exactly one of "value", "env" or "encrypted"' });
  }
// The check above, as the published JSON Schema says it (an editor then flags it too).
}).meta({ oneOf: (['value', 'env', 'encrypted'] as const).map((source) => ({ required: [source] })) });

/** A credential that is not a signing secret (SPEC §13's API password): the same three sources, no label. */
export const CredentialSchema = z.strictObject({
  value: z.string().min(1, 'the password is empty').optional(),
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
  encrypted: z.string().min(1).optional(),
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
export const ProviderSchema = z.strictObject({
  kind: z.enum(PROVIDER_KINDS, { error: 'kind must be "openprovider"' }),
  apiUrl: z.url({ protocol: /^https?$/, error: 'apiUrl must be an http(s) URL such as https://api.openprovider.eu' })
    .default(DEFAULT_PROVIDER_API_URL),
  username: z.string().trim().min(1, 'the API username is empty'),
  password: CredentialSchema,
  intervalMinutes: positiveInt.default(60),
  /** Per API call. */
  timeoutMs: positiveInt.default(15_000),
});

export const HOOK_STAGES = ['pre', 'success', 'post'] as const;

export const HookSchema = z.strictObject({
  name: z.string().trim().min(1, 'a hook needs a name'),
  stage: z.enum(HOOK_STAGES, { error: 'stage must be "pre", "success" or "post"' }),
  // Event names are matched exactly; "*" alone is the only wildcard (a pattern would silently never match).
  events: z.array(z.string().min(1).refine((e) => e === '*' || !e.includes('*'),
    'an event is a full name such as "ssl_panel.issued", or "*" for every event (no patterns)'))
    .min(1, 'events must name at least one event, or "*"').optional(),
  command: z.array(z.string()).min(1, 'command must not be empty')
    .refine((argv) => argv.length === 0 || argv[0].trim().length > 0, 'the program (command[0]) must not be empty'),
  cwd: z.string().min(1).nullable().default(null),
  env: z.record(z.string(), z.string()).default({}),
  timeoutMs: positiveInt.optional(),
  enabled: z.boolean().default(true),
});

const kinds = z.strictObject({
  issued: z.boolean().default(true),
  failed: z.boolean().default(true),
  expiring: z.boolean().default(true),
  action: z.boolean().default(true),
  test: z.boolean().default(true),
  hook: z.boolean().default(true),
  security: z.boolean().default(true),
  deployment: z.boolean().default(true),
  info: z.boolean().default(false),
});

function isRegex(source: string): boolean {
  try { new RegExp(source); return true; } catch { return false; }
}

export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  listener: z.strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(7413),
    path: z.string().regex(/^\/\S*$/, 'the path must start with "/" and contain no spaces').default('/webhook'),
    maxBodyBytes: positiveInt.default(1_048_576),
    headersTimeoutMs: positiveInt.default(10_000),
    bodyTimeoutMs: positiveInt.default(30_000),
    /** SPEC §11: connections past this are closed at once. */
    maxConnections: positiveInt.default(256),
    /** SPEC §11: request bodies being buffered, all together; past it a body gets 503. */
    maxBufferedBytes: positiveInt.default(67_108_864),
    /** SPEC §11: a body arriving slower than this (after a 5 s grace) gets 408. */
    minBodyBytesPerSecond: z.number().int().nonnegative().default(1024),
    /** SPEC §11: the header carrying the real client address, trusted only from a loopback peer. */
    clientAddressHeader: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid HTTP header name')
      .nullable().default(null),
    rejectLimit: z.strictObject({
      max: positiveInt.default(20),
      windowSeconds: positiveInt.default(60),
    }).prefault({}),
  }).prefault({}),
  secrets: z.array(SecretSchema).default([]),
  allowUnsigned: z.boolean().default(false),
  signatureInput: z.enum(['auto', 'body', 'data']).default('auto'),
  hooks: z.array(HookSchema).default([]),
  hooksFile: z.string().min(1).nullable().default(null),
  hookTimeoutMs: positiveInt.default(10_000),
  /** Hook processes running at once, across all certificates; more wait their turn. */
  maxConcurrentHooks: positiveInt.default(4),
  allowPreHookFailure: z.boolean().default(false),
  allowSuccessHookFailure: z.boolean().default(false),
  allowPostHookFailure: z.boolean().default(true),
  notifications: z.strictObject({
    enabled: z.boolean().default(true),
    kinds: kinds.prefault({}),
    expiryThresholdsDays: z.array(positiveInt).default([30, 14, 7, 3, 1]),
    quietHours: z.strictObject({ from: clock, to: clock }).nullable().default(null),
  }).prefault({}),
  tunnel: z.strictObject({
    command: z.array(z.string()).min(1, 'command must not be empty')
      .refine((argv) => argv.length === 0 || argv[0].trim().length > 0, 'the program (command[0]) must not be empty')
      .nullable().default(null),
    urlPattern: z.string().refine(isRegex, 'not a valid regular expression').nullable().default(null),
    publicUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
    autoStart: z.boolean().default(false),
  }).prefault({}),
  /** SPEC §12: is the issued certificate what the hosts actually serve? */
  deployment: z.strictObject({
    enabled: z.boolean().default(true),
    /** Per certificate name (host or wildcard): where to connect instead of name:443. The SNI stays the name. */
    targets: z.record(z.string(),
      z.array(z.string().refine((t) => parseTarget(t) !== null,
        'a target is "host:port" (port 1–65535; an IPv6 address in brackets: "[::1]:8443")'))
        .min(1, 'give at least one "host:port", or remove the name'),
    ).check((ctx) => {
      // Checked here rather than as the record's key schema, whose own message zod replaces with "Invalid key in record".
      for (const name of Object.keys(ctx.value)) {
        if (!isCertificateName(name)) {
          ctx.issues.push({ code: 'custom', input: name, path: [name],
            message: `"${name}" is not a certificate name such as "shop.example.nl" or "*.example.nl"` });
        }
      }
    }).default({}),
    graceHours: z.number().nonnegative().default(2),
    intervalHours: z.number().positive().default(6),
    timeoutMs: positiveInt.default(10_000),
  }).prefault({}),
  provider: ProviderSchema.nullable().default(null),
  ui: z.strictObject({ port: port.default(7414) }).prefault({}),
  /** Desktop-face settings; the headless face ignores them. */
  desktop: z.strictObject({
    /** Start Certbell at login (login items on macOS/Windows, ~/.config/autostart on Linux). */
    autostart: z.boolean().default(false),
  }).prefault({}),
  retention: z.strictObject({
    maxDeliveries: positiveInt.default(100_000),
    maxDays: positiveInt.default(365),
  }).prefault({}),
});

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type SecretConfig = z.output<typeof SecretSchema>;
export type HookConfig = z.output<typeof HookSchema>;
export type ProviderConfig = z.output<typeof ProviderSchema>;
export type CredentialConfig = z.output<typeof CredentialSchema>;
export type NotificationKind = keyof Config['notifications']['kinds'];
