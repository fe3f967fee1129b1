/** The hooks editor's draft: what the form holds, and the hooks config it stands for. */
import type { HookInput } from '../../../shared/bridge/index.ts';
import { validateConfig, type ConfigError, type HookConfig } from '../../../shared/config/index.ts';
import type { EnvRow } from '../components/env-editor.tsx';

export interface HookDraft {
  name: string;
  stage: 'pre' | 'success' | 'post';
  /** Empty: the stage's default events. */
  events: string[];
  command: string[];
  cwd: string;
  env: EnvRow[];
  /** As typed; empty means the global hookTimeoutMs. */
  timeoutMs: string;
  enabled: boolean;
}

export function fromConfig(hook: HookConfig | HookInput): HookDraft {
  return {
    name: hook.name, stage: hook.stage, events: hook.events ?? [], command: [...hook.command], cwd: hook.cwd ?? '',
    env: Object.entries(hook.env ?? {}).map(([key, value]) => ({ key, value })),
    timeoutMs: hook.timeoutMs === undefined ? '' : String(hook.timeoutMs), enabled: hook.enabled ?? true,
  };
}

export function toInput(draft: HookDraft): HookInput {
  const input: HookInput = {
    name: draft.name, stage: draft.stage, command: draft.command, cwd: draft.cwd.trim() ? draft.cwd : null,
    env: Object.fromEntries(draft.env.map((r) => [r.key, r.value])), enabled: draft.enabled,
  };
  if (draft.events.length) input.events = draft.events;
  if (draft.timeoutMs.trim() !== '') input.timeoutMs = Number(draft.timeoutMs);
  return input;
}

export function newHook(existing: readonly HookDraft[]): HookDraft {
  let n = existing.length + 1;
  while (existing.some((h) => h.name === `hook-${n}`)) n += 1;
  return { name: `hook-${n}`, stage: 'pre', events: ['*'], command: [''], cwd: '', env: [], timeoutMs: '', enabled: true };
}

/**
 * What the editor opens on when no hook is configured: a complete, harmless post hook to edit rather
 * than an empty pane. It only appends a line to a log in the user's home folder.
 */
export function exampleHook(): HookDraft {
  return {
    name: 'log-issued', stage: 'post', events: ['ssl_panel.issued'],
    command: ['sh', '-c', 'echo "$(date -u +%FT%TZ) $CERTBELL_EVENT $CERTBELL_COMMON_NAME" >> "$HOME/certbell-hooks.log"'],
    cwd: '', env: [], timeoutMs: '', enabled: true,
  };
}

export function copyName(name: string, existing: readonly HookDraft[]): string {
  let candidate = `${name}-copy`;
  for (let n = 2; existing.some((h) => h.name === candidate); n += 1) candidate = `${name}-copy-${n}`;
  return candidate;
}

/** Every error of the shared schema for these hooks, plus the env rows the schema cannot see. */
export function validateHooks(drafts: readonly HookDraft[]): ConfigError[] {
  const result = validateConfig({ hooks: drafts.map(toInput) });
  const errors = result.ok ? [] : [...result.errors];
  drafts.forEach((d, i) => {
    const keys = d.env.map((r) => r.key.trim());
    if (keys.some((k) => !k)) errors.push({ path: `hooks[${i}].env`, message: 'every variable needs a name' });
    else if (new Set(keys).size !== keys.length) errors.push({ path: `hooks[${i}].env`, message: 'a variable is named twice' });
  });
  return errors;
}

/** Hooks from imported JSON: an array of hooks or `{ "hooks": [...] }` (a whole config.json works too). */
export function parseImport(text: string): { ok: true; hooks: HookDraft[] } | { ok: false; errors: ConfigError[] } {
  let value: unknown;
  try { value = JSON.parse(text); } catch (error) { return { ok: false, errors: [{ path: '$', message: `not JSON: ${(error as Error).message}` }] }; }
  const hooks = Array.isArray(value) ? value : (value as { hooks?: unknown } | null)?.hooks;
  if (!Array.isArray(hooks)) return { ok: false, errors: [{ path: '$', message: 'expected an array of hooks or {"hooks": [...]}' }] };
  const result = validateConfig({ hooks });
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, hooks: result.config.hooks.map(fromConfig) };
}
