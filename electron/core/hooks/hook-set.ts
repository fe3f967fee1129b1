/** The hooks in force: command hooks from `hooks`, then the `hooksFile` class's methods. */
import { isAbsolute, resolve } from 'node:path';
import type { Config } from '../../../shared/config/index.ts';
import type { HookEntry, HookStage } from './hook-types.ts';

export const FILE_METHODS: Readonly<Record<HookStage, string>> = { pre: 'preHook', success: 'successHook', post: 'postHook' };

/** Success hooks default to issued certificates (acme2certifier's "successful enrollment"); others to every event. */
export function defaultEvents(stage: HookStage): string[] {
  return stage === 'success' ? ['ssl_panel.issued'] : ['*'];
}

export function hookSpecs(config: Config, dataDir: string): HookEntry[] {
  const specs: HookEntry[] = config.hooks.filter((h) => h.enabled).map((h) => ({
    kind: 'command', name: h.name, stage: h.stage, events: h.events ?? defaultEvents(h.stage), command: h.command,
    cwd: h.cwd ? resolve(dataDir, h.cwd) : dataDir, env: h.env, timeoutMs: h.timeoutMs ?? config.hookTimeoutMs,
  }));
  if (config.hooksFile) {
    const file = isAbsolute(config.hooksFile) ? config.hooksFile : resolve(dataDir, config.hooksFile);
    for (const stage of ['pre', 'success', 'post'] as const) {
      specs.push({ kind: 'file', name: `hooksFile.${FILE_METHODS[stage]}`, stage, events: defaultEvents(stage), file,
        method: FILE_METHODS[stage], cwd: dataDir, timeoutMs: config.hookTimeoutMs });
    }
  }
  return specs;
}

export function matches(spec: HookEntry, event: string | null): boolean {
  return spec.events.includes('*') || (event !== null && spec.events.includes(event));
}

export function hooksFor(specs: readonly HookEntry[], stage: HookStage, event: string | null): HookEntry[] {
  return specs.filter((s) => s.stage === stage && matches(s, event));
}
