/**
 * What happens to a verified delivery: one at a time per certificate (in arrival order), the
 * duplicate check, the hook pipeline, then one durable commit of the record and its hook runs.
 */
import type { DeliveryFacts } from '../hooks/hook-context.ts';
import type { HookRun, HookSpec } from '../hooks/hook-types.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { NewDelivery, StoredDelivery } from '../store/delivery-types.ts';
import { KeyQueue } from './key-queue.ts';
import { runPipeline, type PipelineDeps, type PipelinePolicy } from './pipeline.ts';

export interface ProcessorSettings {
  specs: readonly HookSpec[];
  policy: PipelinePolicy;
}

export interface ProcessorDeps {
  store: DeliveryStore;
  settings: () => ProcessorSettings;
  runHook: PipelineDeps['runHook'];
  apply: PipelineDeps['apply'];
  onHookFailed?: (run: HookRun, aborted: boolean, facts: DeliveryFacts) => void;
  logger: Logger;
}

export type VerifiedDelivery = Omit<NewDelivery, 'status' | 'outcome' | 'dedupe' | 'response' | 'error' | 'hookRuns'>
  & { deliveryId: string };

export class DeliveryProcessor {
  private readonly deps: ProcessorDeps;
  private readonly queue = new KeyQueue();

  constructor(deps: ProcessorDeps) {
    this.deps = deps;
  }

  /** `replay`: run the pipeline even if this delivery id was accepted before. */
  process(record: VerifiedDelivery, facts: DeliveryFacts, options: { replay?: boolean } = {}): Promise<StoredDelivery> {
    const key = record.certificateId ?? record.orderId ?? `delivery:${record.deliveryId}`;
    return this.queue.run(key, () => this.processNow(record, facts, options.replay === true));
  }

  private async processNow(record: VerifiedDelivery, facts: DeliveryFacts, replay: boolean): Promise<StoredDelivery> {
    const { store } = this.deps;
    if (!replay && store.wasAccepted(record.deliveryId)) {
      return store.add({ ...record, status: 200, outcome: 'accepted', dedupe: true, response: '', error: null });
    }
    const { specs, policy } = this.deps.settings();
    const result = await runPipeline(facts, specs, policy, {
      runHook: this.deps.runHook,
      apply: this.deps.apply,
      onHookFailed: (run, aborted) => {
        this.deps.logger.warn(`hook ${run.hook} (${run.stage}) failed for delivery ${facts.deliveryId}`
          + `${aborted ? '; delivery aborted' : ''}: ${run.error ?? `exit ${run.exitCode}`}`);
        this.deps.onHookFailed?.(run, aborted, facts);
      },
    });
    if (result.outcome === 'aborted') {
      return store.add({ ...record, status: 503, outcome: 'aborted', dedupe: false, error: result.error, hookRuns: result.runs,
        response: JSON.stringify({ error: 'hook failed', hook: result.failedHook }) });
    }
    return store.add({ ...record, status: 200, outcome: 'accepted', dedupe: !replay, response: '', error: result.error,
      hookRuns: result.runs });
  }
}
