/** Validation of a parsed config value: every error with its JSON path, or the config with defaults. */
import type { Issue } from '../validation/index.ts';
import { ConfigSchema, type Config } from './schema.ts';

export interface ConfigError {
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: ConfigError[] };

/** `["secrets", 0, "value"]` → `secrets[0].value`; the root is `$`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '$';
}

/** One error per issue; an unknown key is reported at its own path (`listener.prot`), not its parent's. */
function toError(issue: Issue): ConfigError {
  return { path: formatPath(issue.path), message: issue.message };
}

/**
 * Names that must be unique within a list (hook names, secret labels). Checked on the raw value so
 * they are reported alongside every other error, not only once the rest is valid.
 */
function duplicates(value: unknown, list: 'hooks' | 'secrets', field: 'name' | 'label', what: string): ConfigError[] {
  const items = (value as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(items)) return [];
  const seen = new Map<string, number>();
  const errors: ConfigError[] = [];
  items.forEach((item: unknown, index) => {
    const name = (item as Record<string, unknown> | null)?.[field];
    if (typeof name !== 'string' || !name.trim()) return;
    const first = seen.get(name.trim());
    if (first === undefined) seen.set(name.trim(), index);
    else errors.push({ path: `${list}[${index}].${field}`, message: `duplicate ${what} "${name}" (also ${list}[${first}])` });
  });
  return errors;
}

export function validateConfig(value: unknown): ConfigResult {
  const parsed = ConfigSchema.safeParse(value);
  const errors = parsed.success ? [] : parsed.error.issues.map(toError);
  errors.push(...duplicates(value, 'hooks', 'name', 'hook name'), ...duplicates(value, 'secrets', 'label', 'secret label'));
  if (parsed.success && errors.length === 0) return { ok: true, config: parsed.data };
  return { ok: false, errors };
}

export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}

export function formatConfigErrors(errors: readonly ConfigError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
