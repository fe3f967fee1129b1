/**
 * What happens to a verified delivery: one at a time per certificate (in arrival order), the
 * duplicate check, the hook pipeline, then one durable commit of the record and its hook runs.
 */
import { hookFailureDecision, signedReuseDecision } from '../../../shared/notify/index.ts';
import type { NotificationDecision } from '../../../shared/notify/types.ts';
import type { ApplyResult, CertificateLookup } from '../certificates/apply.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import { PendingWrites } from './pending-writes.ts';
import type { DeliveryFacts } from '../hooks/hook-context.ts';
import type { HookRun, HookSpec } from '../hooks/hook-types.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { NewNotification } from '../store/delivery-types.ts';
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
  /** Step 2: what the delivery changes in the inventory and which notifications it raises. */
  apply: (facts: DeliveryFacts, certificates: CertificateLookup) => ApplyResult;
  /** History rows for decisions (shown or not), and showing them once stored. */
  notifications?: {
    prepare(decisions: NotificationDecision[]): NewNotification[];
    release(decisions: NotificationDecision[], rows: NewNotification[]): void;
  };
  onHookFailed?: (run: HookRun, aborted: boolean, facts: DeliveryFacts) => void;
  logger: Logger;
}

export type VerifiedDelivery = Omit<NewDelivery, 'status' | 'outcome' | 'dedupe' | 'response' | 'error' | 'hookRuns'>
  & { deliveryId: string };

export class DeliveryProcessor {
  private readonly deps: ProcessorDeps;
  private readonly queue = new KeyQueue();
  private readonly pending: PendingWrites;

  constructor(deps: ProcessorDeps) {
    this.deps = deps;
    this.pending = new PendingWrites(deps.store);
  }

  /**
   * Runs other work that changes a certificate (the expiry schedule) in that certificate's queue;
   * it gets the certificate's current state, and hands back the state it commits with `commit`.
   */
  serialize<T>(certificateId: string, work: (current: CertificateRecord | undefined,
    track: (commit: Promise<void>, updated: CertificateRecord) => Promise<void>) => Promise<T>): Promise<T> {
    return this.queue.run(certificateId, () => work(this.pending.get(certificateId),
      (commit, updated) => this.pending.track(commit, null, updated)));
  }

  /**
   * `replay`: run the pipeline even if this delivery id was accepted before. Deliveries of one
   * certificate are decided one at a time in arrival order; the commit of one overlaps the
   * processing of the next (the writer commits in submission order), and each answer waits
   * for its own commit.
   */
  async process(record: VerifiedDelivery, facts: DeliveryFacts, options: { replay?: boolean } = {}): Promise<StoredDelivery> {
    // A CA message names only its order: it queues with the certificate of that order, if known.
    const key = record.certificateId ?? this.orderOwner(record)?.id ?? record.orderId ?? `delivery:${record.deliveryId}`;
    const { committed } = await this.queue.run(key, () => this.processNow(record, facts, options.replay === true));
    return committed;
  }

  /** The known certificate of the order a delivery names when it names no certificate (a CA message). */
  private orderOwner(record: VerifiedDelivery): CertificateRecord | undefined {
    return !record.certificateId && record.orderId ? this.pending.byOrder(record.orderId) : undefined;
  }

  /** An earlier accepted delivery, under another id, with this delivery's signed content (SPEC §11). */
  private signedReuse(record: VerifiedDelivery): { of: string; sameEvent: boolean } | null {
    if (!record.signedKey) return null;
    const uses = this.pending.signedContent(record.signedKey).filter((use) => use.deliveryId !== record.deliveryId);
    if (uses.length === 0) return null;
    const same = uses.find((use) => use.event === record.event);
    return { of: (same ?? uses[0]).deliveryId, sameEvent: same !== undefined };
  }

  private async processNow(record: VerifiedDelivery, received: DeliveryFacts, replay: boolean): Promise<{ committed: Promise<StoredDelivery> }> {
    const { store } = this.deps;
    if (!replay && this.pending.wasAccepted(record.deliveryId)) {
      return { committed: store.add({ ...record, status: 200, outcome: 'accepted', dedupe: true, response: '', error: null }) };
    }
    const reuse = replay ? null : this.signedReuse(record);
    if (reuse?.sameEvent) {
      // The same signed content and event under a new delivery id: a resent capture (SPEC §11).
      return { committed: store.add({ ...record, replayOf: reuse.of, status: 200, outcome: 'duplicate', dedupe: false,
        response: '', error: null }) };
    }
    const { specs, policy } = this.deps.settings();
    // Its hooks are told that certificate too (looked up again: the queue may have waited for its commit).
    const owner = this.orderOwner(record);
    const facts = owner ? { ...received, known: { certificateId: owner.id, commonName: owner.commonName } } : received;
    let applied: ApplyResult = { certificate: null, inventory: null, decisions: [] };
    const hookDecisions: NotificationDecision[] = [];
    const result = await runPipeline(facts, specs, policy, {
      runHook: this.deps.runHook,
      apply: (f, hooksAfter) => {
        // A fault here must not lose the delivery: it is stored and answered, the inventory left as it was.
        try { applied = this.deps.apply(f, this.pending); } catch (error) {
          this.deps.logger.error(`apply: delivery ${facts.deliveryId}: ${(error as Error).stack ?? (error as Error).message}`);
        }
        // Step 2 comes before success and post hooks: what they read of the inventory (`certbell
        // certificates`) already has it. It stays if a later hook aborts: the provider's state changed.
        if (hooksAfter && applied.inventory) return this.deps.store.note([], applied.inventory);
      },
      onHookFailed: (run, aborted) => {
        this.deps.logger.warn(`hook ${run.hook} (${run.stage}) failed for delivery ${facts.deliveryId}`
          + `${aborted ? '; delivery aborted' : ''}: ${run.error ?? `exit ${run.exitCode}`}`);
        // A pre hook that stops the delivery raises no notification (SPEC §5 step 1): it gates, and the provider retries.
        if (!(aborted && run.stage === 'pre')) {
          hookDecisions.push(hookFailureDecision({ hook: run.hook, stage: run.stage, error: run.error ?? `exit ${run.exitCode}`,
            aborted, deliveryId: facts.deliveryId, certificateId: record.certificateId, commonName: record.commonName }));
        }
        this.deps.onHookFailed?.(run, aborted, facts);
      },
    });
    // An aborted delivery changes no inventory and raises only its hook notification (step 5 is not reached).
    const accepted = result.outcome === 'accepted';
    const decisions = accepted ? [...applied.decisions, ...hookDecisions] : hookDecisions;
    if (reuse) {
      decisions.push(signedReuseDecision({ firstDeliveryId: reuse.of, event: record.event, deliveryId: record.deliveryId,
        certificateId: record.certificateId, commonName: record.commonName }));
    }
    const rows = this.deps.notifications?.prepare(decisions) ?? [];
    const certificate = accepted ? applied.certificate : null;
    const write = store.add({
      ...record, replayOf: reuse?.of ?? null, hookRuns: result.runs, error: result.error, notifications: rows, certificate,
      ...(accepted
        ? { status: 200, outcome: 'accepted' as const, dedupe: !replay, response: '' }
        : { status: 503, outcome: 'aborted' as const, dedupe: false,
          response: JSON.stringify({ error: 'hook failed', hook: result.failedHook }) }),
    });
    const signed = accepted && record.signedKey
      ? { key: record.signedKey, use: { deliveryId: reuse?.of ?? record.deliveryId, event: record.event } } : undefined;
    const committed = this.pending.track(write, accepted ? record.deliveryId : null, certificate, signed).then((stored) => {
      if (stored.outcome !== 'duplicate') this.deps.notifications?.release(decisions, rows);
      return stored;
    });
    return { committed };
  }
}
