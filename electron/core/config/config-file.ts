/** Reading `config.json`: parsed, validated, secrets resolved. Missing file = defaults. */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { defaultConfig, formatConfigErrors, validateConfig, type Config, type ConfigError } from '../../../shared/config/index.ts';
import { verifyKey, type VerifyKey } from '../signature/verify.ts';
import { syntaxErrorSync } from './syntax-check.ts';

export interface LoadedConfig {
  config: Config;
  keys: VerifyKey[];
  warnings: string[];
  /** SPEC §13: the provider's API password, resolved; absent without a provider block or when it cannot be read here. */
  providerPassword?: string;
  /** Why the configured provider's password cannot be read by this process (a desktop-sealed one, headless). */
  providerProblem?: string;
}

/** The first configured secret's value: what `send` and the reachability check sign with. */
export function firstSecret(loaded: Pick<LoadedConfig, 'keys'>): string | null {
  return loaded.keys[0]?.key.export().toString('utf8') ?? null;
}

export type LoadResult = ({ ok: true } & LoadedConfig) | { ok: false; errors: ConfigError[] };

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** The desktop shell passes safeStorage here; headless has none and skips encrypted secrets. */
  decrypt?: (sealed: string) => string;
}

/** config.json's text; a missing file reads as `{}` (every setting at its default). */
export function readConfigTextSync(file: string): { ok: true; text: string } | { ok: false; errors: ConfigError[] } {
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, text: '{}' };
    return { ok: false, errors: [{ path: '$', message: `cannot read ${file}: ${(error as Error).message}` }] };
  }
}

function readJson(file: string): { ok: true; value: unknown } | { ok: false; errors: ConfigError[] } {
  const read = readConfigTextSync(file);
  if (!read.ok) return read;
  try {
    return { ok: true, value: JSON.parse(read.text) };
  } catch (error) {
    return { ok: false, errors: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] };
  }
}

function fileMode(file: string): number | null {
  try { return statSync(file).mode & 0o777; } catch { return null; }
}

function isExposed(mode: number | null): mode is number {
  return mode !== null && (mode & 0o077) !== 0;
}

function exposedMessage(file: string, mode: number): string {
  return `config.json holds a secret value, so it must be mode 0600 (it is ${mode.toString(8).padStart(4, '0')}); `
    + `run: chmod 600 ${file}`;
}

/** The file-mode rule, checked on the raw value too, so it is reported alongside schema errors. */
function exposedSecretValues(file: string, value: unknown): ConfigError[] {
  const secrets = (value as { secrets?: unknown } | null)?.secrets;
  const mode = process.platform === 'win32' ? null : fileMode(file);
  if (!isExposed(mode)) return [];
  const errors = (Array.isArray(secrets) ? secrets : []).flatMap((secret: unknown, i) => (typeof (secret as { value?: unknown } | null)?.value === 'string'
    ? [{ path: `secrets[${i}].value`, message: exposedMessage(file, mode) }] : []));
  const password = (value as { provider?: { password?: { value?: unknown } } } | null)?.provider?.password;
  if (typeof password?.value === 'string') errors.push({ path: 'provider.password.value', message: exposedMessage(file, mode) });
  return errors;
}

/**
 * A hooks file is checked now — readable, and valid JavaScript (compiled, none of it run) — so a
 * typo is a config error, not a failure of every delivery.
 */
function hooksFileErrors(file: string, hooksFile: string | null): ConfigError[] {
  if (hooksFile === null) return [];
  const path = isAbsolute(hooksFile) ? hooksFile : resolve(dirname(file), hooksFile);
  try {
    if (!statSync(path).isFile()) return [{ path: 'hooksFile', message: `${path} is not a file` }];
    accessSync(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [{ path: 'hooksFile', message: `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message}` }];
  }
  const invalid = syntaxErrorSync(path);
  return invalid ? [{ path: 'hooksFile', message: `${path} is not valid JavaScript: ${invalid}` }] : [];
}

function unsetEnvError(i: number, name: string): ConfigError {
  return { path: `secrets[${i}].env`, message: `the environment variable ${name} is not set or is empty` };
}

/**
 * When the schema already failed, the checks that need the environment or the disk still run on
 * the parts that are well-formed, so `config check` lists every error at once, not a round each.
 */
function looseChecks(file: string, value: unknown, schemaErrors: readonly ConfigError[], env: NodeJS.ProcessEnv): ConfigError[] {
  const failed = (prefix: string) => schemaErrors.some((e) => e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`));
  const raw = (value ?? {}) as { secrets?: unknown; hooksFile?: unknown };
  const errors: ConfigError[] = [];
  if (Array.isArray(raw.secrets)) {
    raw.secrets.forEach((secret: unknown, i) => {
      const name = (secret as { env?: unknown } | null)?.env;
      if (typeof name === 'string' && !failed(`secrets[${i}]`) && !env[name]) errors.push(unsetEnvError(i, name));
    });
  }
  if (typeof raw.hooksFile === 'string' && !failed('hooksFile')) errors.push(...hooksFileErrors(file, raw.hooksFile));
  return errors;
}

const PASSWORD_SEALED = 'provider.password is sealed with the desktop app\'s safeStorage and cannot be decrypted here; '
  + 'provider sync cannot log in from this process. To share it with `certbell serve`, use {"env": "VAR"}.';

/** SPEC §13: the provider password under the same rules as a signing secret (§2). */
function resolveProviderPassword(file: string, config: Config, options: LoadOptions):
  { password?: string; problem?: string; errors: ConfigError[] } {
  const source = config.provider?.password;
  if (!source) return { errors: [] };
  if (source.value !== undefined) {
    const mode = process.platform === 'win32' ? null : fileMode(file);
    return isExposed(mode) ? { errors: [{ path: 'provider.password.value', message: exposedMessage(file, mode) }] }
      : { password: source.value, errors: [] };
  }
  if (source.env !== undefined) {
    const value = (options.env ?? process.env)[source.env];
    return value ? { password: value, errors: [] }
      : { errors: [{ path: 'provider.password.env', message: `the environment variable ${source.env} is not set or is empty` }] };
  }
  if (!options.decrypt) return { problem: PASSWORD_SEALED, errors: [] };
  try { return { password: options.decrypt(source.encrypted!), errors: [] }; }
  catch { return { errors: [{ path: 'provider.password.encrypted', message: 'cannot be decrypted on this machine' }] }; }
}

function resolveKeys(file: string, config: Config, options: LoadOptions): { keys: VerifyKey[]; errors: ConfigError[]; warnings: string[] } {
  const env = options.env ?? process.env;
  const keys: VerifyKey[] = [];
  const errors: ConfigError[] = [];
  const warnings: string[] = [];
  const mode = process.platform === 'win32' ? null : fileMode(file);
  config.secrets.forEach((secret, i) => {
    if (secret.value !== undefined) {
      if (isExposed(mode)) errors.push({ path: `secrets[${i}].value`, message: exposedMessage(file, mode) });
      else keys.push(verifyKey(secret.label, secret.value));
    } else if (secret.env !== undefined) {
      const value = env[secret.env];
      if (value) keys.push(verifyKey(secret.label, value));
      else errors.push(unsetEnvError(i, secret.env));
    } else if (secret.encrypted !== undefined) {
      // A warning, not an error: the CLI must still read a desktop user's data directory.
      if (!options.decrypt) {
        warnings.push(`secrets[${i}] ("${secret.label}") is sealed with the desktop app's safeStorage and cannot be decrypted `
          + 'here; deliveries signed with it are rejected by this process. To share a secret with `certbell serve`, use {"label", "env"}.');
      }
      else {
        try { keys.push(verifyKey(secret.label, options.decrypt(secret.encrypted))); }
        catch { errors.push({ path: `secrets[${i}].encrypted`, message: 'cannot be decrypted on this machine' }); }
      }
    }
  });
  return { keys, errors, warnings };
}

export function loadConfigFileSync(file: string, options: LoadOptions = {}): LoadResult {
  const json = readJson(file);
  if (!json.ok) return json;
  const validated = validateConfig(json.value);
  if (!validated.ok) {
    return { ok: false, errors: [...validated.errors, ...exposedSecretValues(file, json.value),
      ...looseChecks(file, json.value, validated.errors, options.env ?? process.env)] };
  }
  const { keys, errors, warnings } = resolveKeys(file, validated.config, options);
  const provider = resolveProviderPassword(file, validated.config, options);
  errors.push(...provider.errors, ...hooksFileErrors(file, validated.config.hooksFile));
  if (errors.length > 0) return { ok: false, errors };
  if (provider.problem) warnings.push(provider.problem);
  return { ok: true, config: validated.config, keys, warnings,
    ...(provider.password !== undefined ? { providerPassword: provider.password } : {}),
    ...(provider.problem ? { providerProblem: provider.problem } : {}) };
}

export function defaultLoadedConfig(): LoadedConfig {
  return { config: defaultConfig(), keys: [], warnings: [] };
}

/** config.json does not load: every error with its JSON path. */
export class ConfigInvalidError extends Error {
  readonly errors: ConfigError[];
  constructor(file: string, errors: ConfigError[]) {
    super(`${file} is invalid:\n${formatConfigErrors(errors)}`);
    this.errors = errors;
  }
}
