/** `hooks.test`: one hook in force against a stored delivery, as `certbell hooks test`, its output pushed as it comes. */
import { randomUUID } from 'node:crypto';
import type { BridgeEvent, HookTestRun, MethodParams } from '../../../shared/bridge/index.ts';
import type { Config } from '../../../shared/config/index.ts';
import { hookContext } from '../hooks/hook-context.ts';
import { hookSpecs } from '../hooks/hook-set.ts';
import { runHook } from '../hooks/run-hook.ts';
import type { HookSlots } from '../hooks/hook-slots.ts';
import type { ScriptLauncher } from '../hooks/script-launcher.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import { ApiError } from './api-error.ts';
import { storedDeliveryFacts } from './replay-delivery.ts';

export interface TestHookDeps {
  dataDir: string;
  store: DeliveryStore;
  config: () => Config;
  push: (event: BridgeEvent) => void;
  slots?: HookSlots;
  launcher?: ScriptLauncher;
}

export async function testHook(deps: TestHookDeps, params: MethodParams<'hooks.test'>): Promise<HookTestRun> {
  const specs = hookSpecs(deps.config(), deps.dataDir);
  const spec = specs.find((s) => s.name === params.name);
  if (!spec) {
    const configured = specs.length ? ` (in force: ${specs.map((s) => s.name).join(', ')})` : ' (none is in force)';
    throw new ApiError('not-found', `no enabled hook named "${params.name}"${configured}`);
  }
  const { facts } = storedDeliveryFacts(deps.store, params.deliveryId);
  const runId = params.runId ?? randomUUID();
  const run = await runHook(spec, hookContext(facts, spec.stage, null), { slots: deps.slots, launcher: deps.launcher,
    onOutput: (stream, text) => deps.push({ event: 'hookOutput', data: { runId, stream, text } }),
  });
  if (!run) throw new ApiError('invalid', `the hooks file does not define ${spec.name.replace('hooksFile.', '')}()`);
  return { runId, ...run };
}
