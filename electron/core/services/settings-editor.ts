/**
 * `settings.save` and `hooks.save`: the UI's edits written to config.json, which the running
 * server then applies through its live reload. Secret values only ever travel towards the file:
 * a secret the UI did not change comes back as `{label, keep: true}` and is taken from the file.
 */
import type { EditedSecret, MethodParams, SaveResult, SettingsInput } from '../../../shared/bridge/index.ts';
import { validateConfig, type ConfigError } from '../../../shared/config/index.ts';
import type { LoadOptions, LoadedConfig } from '../config/config-file.ts';
import { readRawConfigSync, writeConfigFileSync } from '../config/config-writer.ts';
import { configFile } from '../config/data-dir.ts';
import { maskSettings } from './mask-settings.ts';

export interface SettingsEditorDeps {
  dataDir: string;
  /** The settings in force; a new object after each live reload. */
  config: () => LoadedConfig;
  loadOptions?: LoadOptions;
  /** When given (desktop: safeStorage), a secret value typed in the UI is stored as `{label, encrypted}`. */
  encrypt?: (plain: string) => string;
  /** How long a save waits for the live reload to pick the file up. */
  reloadTimeoutMs?: number;
}

type SavedSecret = Record<string, unknown> & { label: string };

function storedSecrets(raw: Record<string, unknown>): SavedSecret[] {
  const list = Array.isArray(raw.secrets) ? raw.secrets as unknown[] : [];
  return list.filter((s): s is SavedSecret => s !== null && typeof s === 'object' && typeof (s as SavedSecret).label === 'string');
}

/** Each `{label, keep: true}` replaced by the stored secret of that label, exactly as stored. */
function mergeSecrets(edited: EditedSecret[], stored: SavedSecret[]): { secrets: unknown[]; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const secrets = edited.map((secret, i) => {
    if (!('keep' in secret)) return secret;
    const kept = stored.find((s) => s.label === secret.label);
    if (!kept) errors.push({ path: `secrets[${i}].label`, message: `no stored secret labelled "${secret.label}" to keep; enter its value` });
    return kept ? structuredClone(kept) : secret;
  });
  return { secrets, errors };
}

/** The provider block with `password: {keep: true}` replaced by the stored password, exactly as stored. */
function mergeProvider(edited: SettingsInput['provider'], stored: unknown): { value?: unknown; errors: ConfigError[] } {
  if (edited === undefined || edited === null) return { value: edited, errors: [] };
  if (!('keep' in edited.password)) return { value: edited, errors: [] };
  const kept = (stored as { password?: unknown } | null)?.password;
  if (kept === undefined || kept === null || typeof kept !== 'object') {
    return { errors: [{ path: 'provider.password', message: 'no stored password to keep; enter the API password or an environment variable' }] };
  }
  return { value: { ...edited, password: structuredClone(kept) }, errors: [] };
}

export class SettingsEditor {
  private readonly deps: SettingsEditorDeps;
  private readonly file: string;
  /** Saves run one at a time, so each merges against the file the previous one wrote. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(deps: SettingsEditorDeps) {
    this.deps = deps;
    this.file = configFile(deps.dataDir);
  }

  saveSettings(input: SettingsInput): Promise<SaveResult> {
    return this.serialized((raw) => {
      const { secrets, errors } = mergeSecrets(input.secrets ?? [], storedSecrets(raw));
      const provider = mergeProvider(input.provider, raw.provider);
      errors.push(...provider.errors);
      const value = { ...input, secrets: secrets.map((s) => this.sealed(s)),
        ...(provider.value !== undefined ? { provider: this.sealedProvider(provider.value) } : {}) };
      if (errors.length === 0) return { value };
      // Report the rest too, but not what the schema says about a `keep` that found nothing.
      const unresolved = errors.map((e) => (e.path.endsWith('.label') ? e.path.slice(0, -'.label'.length) : e.path));
      const checked = validateConfig(value);
      const others = checked.ok ? [] : checked.errors.filter((e) => !unresolved.some((p) => e.path === p || e.path.startsWith(`${p}.`)));
      return { errors: [...errors, ...others] };
    });
  }

  saveHooks(params: MethodParams<'hooks.save'>): Promise<SaveResult> {
    return this.serialized((raw) => {
      const value: Record<string, unknown> = { ...raw, hooks: params.hooks };
      for (const key of ['hooksFile', 'hookTimeoutMs', 'allowPreHookFailure', 'allowSuccessHookFailure', 'allowPostHookFailure'] as const) {
        if (params[key] !== undefined) value[key] = params[key];
      }
      return { value };
    });
  }

  /**
   * Any plain `{label, value}` — new, or kept from the file — sealed when the shell can; `env` and
   * already encrypted secrets as they are.
   */
  private sealed(secret: unknown): unknown {
    const encrypt = this.deps.encrypt;
    const candidate = secret as { label?: unknown; value?: unknown };
    if (!encrypt || typeof candidate?.value !== 'string' || candidate.value === '') return secret;
    const { value, ...rest } = candidate as Record<string, unknown> & { value: string };
    return { ...rest, encrypted: encrypt(value) };
  }

  /** The provider password typed in the UI, sealed like a secret value. */
  private sealedProvider(provider: unknown): unknown {
    const block = provider as { password?: unknown } | null;
    if (block === null || typeof block !== 'object' || !block.password) return provider;
    return { ...block, password: this.sealed(block.password) };
  }

  private serialized(edit: (raw: Record<string, unknown>) => { value: Record<string, unknown> } | { errors: ConfigError[] }): Promise<SaveResult> {
    const run = this.queue.then(() => this.save(edit));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async save(edit: (raw: Record<string, unknown>) => { value: Record<string, unknown> } | { errors: ConfigError[] }): Promise<SaveResult> {
    const raw = readRawConfigSync(this.file);
    if (!raw.ok) return { saved: false, errors: raw.errors };
    const edited = edit(raw.value);
    if ('errors' in edited) return { saved: false, errors: edited.errors };
    const before = this.deps.config();
    const written = writeConfigFileSync(this.file, edited.value, this.deps.loadOptions);
    if (!written.ok) return { saved: false, errors: written.errors };
    const applied = await this.reloaded(before);
    return { saved: true, applied, settings: maskSettings(written.config) };
  }

  /** The live reload replaces the settings object; wait for that so the next call sees the new settings. */
  private async reloaded(before: LoadedConfig): Promise<boolean> {
    const deadline = Date.now() + (this.deps.reloadTimeoutMs ?? 3000);
    while (this.deps.config() === before) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }
}
