/** The processor wired to a live config: used by the server and by `certbell replay`. */
import type { Config } from '../../../shared/config/index.ts';
import { applyDelivery } from '../certificates/apply.ts';
import { hookSpecs } from '../hooks/hook-set.ts';
import type { HookEntry } from '../hooks/hook-types.ts';
import { runHook } from '../hooks/run-hook.ts';
import { HookSlots } from '../hooks/hook-slots.ts';
import type { ScriptLauncher } from '../hooks/script-launcher.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import { DeliveryProcessor, type ProcessorDeps } from './delivery-processor.ts';

export interface ProcessorWiring {
  store: DeliveryStore;
  config: () => Config;
  dataDir: string;
  logger: Logger;
  now?: () => number;
  notifications?: ProcessorDeps['notifications'];
  /** Shared by every hook run of the process (`maxConcurrentHooks`); made from the config when not given. */
  slots?: HookSlots;
  /** Starts the hooks-file runner (default: a Node child). */
  launcher?: ScriptLauncher;
}

export function createProcessor(wiring: ProcessorWiring): DeliveryProcessor {
  const now = wiring.now ?? Date.now;
  let cachedFor: Config | null = null;
  let specs: HookEntry[] = [];
  const slots = wiring.slots ?? new HookSlots(() => wiring.config().maxConcurrentHooks);
  return new DeliveryProcessor({
    store: wiring.store,
    logger: wiring.logger,
    runHook: (spec, ctx) => runHook(spec, ctx, { slots, launcher: wiring.launcher }),
    apply: (facts, certificates) => applyDelivery(certificates, facts, now(), wiring.config().notifications.expiryThresholdsDays),
    notifications: wiring.notifications,
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
