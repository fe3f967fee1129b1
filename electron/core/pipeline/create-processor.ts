/** The processor wired to a live config: used by the server and by `certbell replay`. */
import type { Config } from '../../../shared/config/index.ts';
import type { DeliveryFacts } from '../hooks/hook-context.ts';
import { hookSpecs } from '../hooks/hook-set.ts';
import type { HookRun, HookSpec } from '../hooks/hook-types.ts';
import { runHook } from '../hooks/run-hook.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import { DeliveryProcessor } from './delivery-processor.ts';

export interface ProcessorWiring {
  store: DeliveryStore;
  config: () => Config;
  dataDir: string;
  logger: Logger;
  /** Step 2 of the pipeline (certificates, notification decisions). */
  apply?: (facts: DeliveryFacts) => Promise<void> | void;
  onHookFailed?: (run: HookRun, aborted: boolean, facts: DeliveryFacts) => void;
}

export function createProcessor(wiring: ProcessorWiring): DeliveryProcessor {
  let cachedFor: Config | null = null;
  let specs: HookSpec[] = [];
  return new DeliveryProcessor({
    store: wiring.store,
    logger: wiring.logger,
    runHook,
    apply: wiring.apply ?? (() => {}),
    onHookFailed: wiring.onHookFailed,
    settings: () => {
      const config = wiring.config();
      if (config !== cachedFor) {
        cachedFor = config;
        specs = hookSpecs(config, wiring.dataDir);
      }
      return { specs, policy: config };
    },
  });
}
