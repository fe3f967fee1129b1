/** Validation of a parsed config value: every error with its JSON path, or the config with defaults. */
import { z } from 'zod';
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

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  return issue.message;
}

/** Checked on the raw value so it is reported alongside every other error, not only once the rest is valid. */
function duplicateHookNames(value: unknown): ConfigError[] {
  const hooks = (value as { hooks?: unknown } | null)?.hooks;
  if (!Array.isArray(hooks)) return [];
  const seen = new Map<string, number>();
  const errors: ConfigError[] = [];
  hooks.forEach((hook: unknown, index) => {
    const name = (hook as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || !name.trim()) return;
    const first = seen.get(name.trim());
    if (first === undefined) seen.set(name.trim(), index);
    else errors.push({ path: `hooks[${index}].name`, message: `duplicate hook name "${name}" (also hooks[${first}])` });
  });
  return errors;
}

export function validateConfig(value: unknown): ConfigResult {
  const parsed = ConfigSchema.safeParse(value);
  const errors = parsed.success ? [] : parsed.error.issues
    .map((issue) => ({ path: formatPath(issue.path), message: describeIssue(issue) }));
  errors.push(...duplicateHookNames(value));
  if (parsed.success && errors.length === 0) return { ok: true, config: parsed.data };
  return { ok: false, errors };
}

export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}

export function formatConfigErrors(errors: readonly ConfigError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
