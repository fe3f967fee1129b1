/** Hooks, as every face uses them: the hooks in force, and a test run of one against a stored delivery. */
import { randomUUID } from 'node:crypto';
import type { HookTestRun } from '../../../shared/bridge/index.ts';
import { hookContext } from '../hooks/hook-context.ts';
import { hookSpecs } from '../hooks/hook-set.ts';
import type { HookEntry } from '../hooks/hook-types.ts';
import { runHook } from '../hooks/run-hook.ts';
import type { DeliveryService } from './deliveries.ts';
import { invalid, notFound } from './service-error.ts';
import type { ServiceParts } from './service-parts.ts';

export interface HookTestOptions {
  /** Names the run in the output it streams (the UI matches output to its run). */
  runId?: string;
  onOutput?: (runId: string, stream: 'stdout' | 'stderr', text: string) => void;
}

export class HookService {
  private readonly parts: ServiceParts;
  private readonly deliveries: DeliveryService;

  constructor(parts: ServiceParts, deliveries: DeliveryService) {
    this.parts = parts;
    this.deliveries = deliveries;
  }

  /** Config "hooks", then the hooks file's methods (each runs if the class has it). */
  list(): HookEntry[] {
    return hookSpecs(this.parts.config().config, this.parts.dataDir);
  }

  /** One hook in force run against a stored delivery exactly as the pipeline would; the run is not stored. */
  async test(name: string, deliveryId: string, options: HookTestOptions = {}): Promise<HookTestRun> {
    const specs = this.list();
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      const inForce = specs.length ? ` (in force: ${specs.map((s) => s.name).join(', ')})` : ' (none is in force)';
      throw notFound(`no enabled hook named "${name}"${inForce}`);
    }
    const { facts } = this.deliveries.facts(deliveryId);
    const runId = options.runId ?? randomUUID();
    const onOutput = options.onOutput;
    const run = await runHook(spec, hookContext(facts, spec.stage, null), {
      slots: this.parts.hookSlots, launcher: this.parts.scriptLauncher,
      onOutput: onOutput ? (stream, text) => onOutput(runId, stream, text) : undefined,
    });
    if (!run) throw invalid(`the hooks file does not define ${spec.name.replace('hooksFile.', '')}()`);
    return { runId, ...run };
  }
}
