/**
 * One delivery's unit of work: what arrived (a `ReceivedDelivery`, verified) and the verdict
 * Certbell comes to, written once with everything the attempt brings along. The store is read and
 * written at once (a write is seen by every read after it), so a delivery without hooks is worked
 * start to finish before the next request is read. Deliveries with hooks wait for child processes:
 * a certificate's deliveries then take turns, in arrival order, each one done — stored — before
 * the next starts. `work` reads as the steps go.
 */
import { hookFailureDecision, signedReuseDecision } from '../../../shared/notify/index.ts';
import type { NotificationDecision } from '../../../shared/notify/types.ts';
import type { ApplyResult, CertificateLookup } from '../certificates/apply.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { DeliveryFacts } from '../hooks/hook-context.ts';
import type { HookRunRecord, HookEntry } from '../hooks/hook-types.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryHistory, DeliveryStore } from '../store/delivery-store.ts';
import type { DeliveryVerdict, NewNotification, ReceivedDelivery, StoredDelivery } from '../store/delivery-types.ts';
import { KeyQueue } from './key-queue.ts';
import { hasHooks, HookStages, type HookStageDeps, type PipelinePolicy, type PipelineResult } from './pipeline.ts';
import { acceptedBefore, afterHooks, resentContent } from './verdicts.ts';

export interface ProcessorSettings {
  specs: readonly HookEntry[];
  policy: PipelinePolicy;
}

export interface ProcessorDeps {
  store: DeliveryStore;
  settings: () => ProcessorSettings;
  runHook: HookStageDeps['runHook'];
  /** Step 2: what the delivery changes in the inventory and which notifications it raises. */
  apply: (facts: DeliveryFacts, certificates: CertificateLookup) => ApplyResult;
  /** History rows for decisions (shown or not), and showing them once stored. */
  notifications?: {
    prepare(decisions: NotificationDecision[]): NewNotification[];
    release(decisions: NotificationDecision[], rows: NewNotification[]): void;
  };
  onHookFailed?: (run: HookRunRecord, aborted: boolean, facts: DeliveryFacts) => void;
  logger: Logger;
}

/** A received delivery past its signature and JSON checks, under a known delivery id. */
export type VerifiedDelivery = ReceivedDelivery & { deliveryId: string };

/** What a processed attempt commits besides its record: the notifications still as decisions. */
interface Effects {
  hookRuns: HookRunRecord[];
  certificate: CertificateRecord | null;
  decisions: NotificationDecision[];
}

/** An earlier accepted delivery, under another id, with this delivery's signed content (SPEC §11). */
interface SignedReuse {
  of: string;
  sameEvent: boolean;
}

const NOTHING_APPLIED: ApplyResult = { certificate: null, inventory: null, decisions: [] };
const NO_RUNS: PipelineResult = { outcome: 'accepted', failedHook: null, error: null, runs: [] };

export class DeliveryProcessor {
  private readonly deps: ProcessorDeps;
  private readonly queue = new KeyQueue();

  constructor(deps: ProcessorDeps) {
    this.deps = deps;
  }

  /**
   * Runs other work that changes a certificate (the expiry schedule, provider sync) in that
   * certificate's turn; it gets the certificate's current state.
   */
  serialize<T>(certificateId: string, work: (current: CertificateRecord | undefined) => Promise<T>): Promise<T> {
    return this.queue.run(certificateId, () => work(this.deps.store.certificates.get(certificateId)));
  }

  /**
   * Resolves once the delivery's record is durable. `replay`: process it even if this delivery id
   * was accepted before.
   */
  process(received: VerifiedDelivery, facts: DeliveryFacts, options: { replay?: boolean } = {}): Promise<StoredDelivery> {
    const replay = options.replay === true;
    const key = this.queueKey(received);
    const settings = this.deps.settings();
    // Nothing to wait for: worked now, before anything else can touch the certificate.
    if (!this.queue.busy(key) && !hasHooks(settings.specs, facts.event)) return this.work(received, facts, replay, settings);
    return this.queue.run(key, () => this.work(received, facts, replay, this.deps.settings()));
  }

  /** The unit of work, top to bottom (SPEC §5); resolves once its record is durable. */
  private work(received: VerifiedDelivery, receivedFacts: DeliveryFacts, replay: boolean,
    { specs, policy }: ProcessorSettings): Promise<StoredDelivery> {
    // Duplicate check (SPEC §3, §11), before any hook: a repeat runs none and changes nothing.
    const history = replay ? null : this.deps.store.history(received.deliveryId);
    if (history?.accepted) return this.commitRepeat(received, acceptedBefore());
    const reuse = replay ? null : this.signedReuse(received);
    if (reuse?.sameEvent) return this.commitRepeat(received, resentContent(reuse.of));

    const facts = this.withOrderOwner(receivedFacts, received);
    if (!hasHooks(specs, facts.event)) {
      const applied = this.applyToInventory(facts, history);
      const decisions = [...applied.decisions];
      if (reuse) decisions.push(this.reuseDecision(reuse, received));
      return this.commit(received, afterHooks(NO_RUNS, replay, reuse?.of ?? null), { hookRuns: [], certificate: applied.certificate, decisions });
    }
    return this.workWithHooks(received, facts, replay, reuse, history, { specs, policy });
  }

  /** The same steps, around the delivery's hooks. */
  private async workWithHooks(received: VerifiedDelivery, facts: DeliveryFacts, replay: boolean, reuse: SignedReuse | null,
    history: DeliveryHistory | null, { specs, policy }: ProcessorSettings): Promise<StoredDelivery> {
    const hookDecisions: NotificationDecision[] = [];
    const hooks = new HookStages(facts, specs, policy, {
      runHook: this.deps.runHook,
      onHookFailed: (run, aborted) => {
        const decision = this.hookFailed(run, aborted, received, facts);
        if (decision) hookDecisions.push(decision);
      },
    });
    let applied = NOTHING_APPLIED;
    // 1. Pre hooks: one that fails (unless allowed) stops the delivery before anything changes.
    if (hooks.due('pre')) await hooks.run('pre');
    // 2. Apply: the inventory change and the notifications it decides. Success and post hooks read
    //    the inventory (`certbell certificates`), so for them it is stored now; it stays if one of
    //    them aborts the delivery (the provider's state did change; its retry applies it again).
    if (!hooks.stopped) {
      applied = this.applyToInventory(facts, history);
      if (hooks.hooksAfterApply && applied.inventory) await this.deps.store.note([], applied.inventory);
    }
    // 3. Success hooks. 4. Post hooks, told of earlier failures.
    if (hooks.due('success')) await hooks.run('success');
    if (hooks.due('post')) await hooks.run('post');
    // The verdict. An aborted delivery changes no inventory and raises only its hook notifications.
    const ran = hooks.result();
    const verdict = afterHooks(ran, replay, reuse?.of ?? null);
    const accepted = verdict.outcome === 'accepted';
    const decisions = accepted ? [...applied.decisions, ...hookDecisions] : hookDecisions;
    if (reuse) decisions.push(this.reuseDecision(reuse, received));
    // 5. One commit of the record, its hook runs, the inventory change and the notification
    //    history; the notifications are shown once it is durable.
    return this.commit(received, verdict, { hookRuns: ran.runs, certificate: accepted ? applied.certificate : null, decisions });
  }

  /** A duplicate: its record alone, answered once durable. */
  private commitRepeat(received: VerifiedDelivery, verdict: DeliveryVerdict): Promise<StoredDelivery> {
    return this.deps.store.add({ ...received, ...verdict });
  }

  /**
   * The attempt's one write; its notifications are shown once it is durable (none if the record
   * became a duplicate).
   */
  private async commit(received: VerifiedDelivery, verdict: DeliveryVerdict, effects: Effects): Promise<StoredDelivery> {
    const notifications = this.deps.notifications?.prepare(effects.decisions) ?? [];
    const stored = await this.deps.store.add({ ...received, ...verdict, hookRuns: effects.hookRuns, certificate: effects.certificate,
      notifications });
    if (stored.outcome !== 'duplicate') this.deps.notifications?.release(effects.decisions, notifications);
    return stored;
  }

  /** Deliveries of one certificate share a queue; a CA message names only its order, and joins that order's certificate. */
  private queueKey(received: VerifiedDelivery): string {
    return received.certificateId ?? this.orderOwner(received)?.id ?? received.orderId ?? `delivery:${received.deliveryId}`;
  }

  /** The known certificate of the order a delivery names when it names no certificate (a CA message). */
  private orderOwner(received: VerifiedDelivery): CertificateRecord | undefined {
    return !received.certificateId && received.orderId ? this.deps.store.certificates.byOrder(received.orderId) : undefined;
  }

  /** Its hooks are told that certificate too (looked up again: the queue may have waited for its commit). */
  private withOrderOwner(facts: DeliveryFacts, received: VerifiedDelivery): DeliveryFacts {
    const owner = this.orderOwner(received);
    return owner ? { ...facts, known: { certificateId: owner.id, commonName: owner.commonName } } : facts;
  }

  private signedReuse(received: VerifiedDelivery): SignedReuse | null {
    if (!received.signedKey) return null;
    const uses = this.deps.store.signedContent(received.signedKey).filter((use) => use.deliveryId !== received.deliveryId);
    if (uses.length === 0) return null;
    const same = uses.find((use) => use.event === received.event);
    return { of: (same ?? uses[0]).deliveryId, sameEvent: same !== undefined };
  }

  /** Step 2 against the store (`history`: this id's earlier attempts); a fault here must not lose the delivery. */
  private applyToInventory(facts: DeliveryFacts, history: DeliveryHistory | null): ApplyResult {
    const store = this.deps.store;
    const lookup: CertificateLookup = {
      get: (id) => store.certificates.get(id),
      byOrder: (orderId) => store.certificates.byOrder(orderId),
      firstReceivedAt: (deliveryId) => (history && deliveryId === facts.deliveryId ? history.firstReceivedAt : store.firstReceivedAt(deliveryId)),
    };
    try {
      return this.deps.apply(facts, lookup);
    } catch (error) {
      // It is still stored and answered, the inventory left as it was.
      this.deps.logger.error(`apply: delivery ${facts.deliveryId}: ${(error as Error).stack ?? (error as Error).message}`);
      return NOTHING_APPLIED;
    }
  }

  /** Logs a failed run, tells the listener, and decides its `hook` notification, if it raises one. */
  private hookFailed(run: HookRunRecord, aborted: boolean, received: VerifiedDelivery, facts: DeliveryFacts): NotificationDecision | null {
    this.deps.logger.warn(`hook ${run.hook} (${run.stage}) failed for delivery ${facts.deliveryId}`
      + `${aborted ? '; delivery aborted' : ''}: ${run.error ?? `exit ${run.exitCode}`}`);
    // A pre hook that stops the delivery raises no notification (SPEC §5 step 1): it gates, and the provider retries.
    const decision = aborted && run.stage === 'pre' ? null : hookFailureDecision({ hook: run.hook, stage: run.stage,
      error: run.error ?? `exit ${run.exitCode}`, aborted, deliveryId: facts.deliveryId, certificateId: received.certificateId,
      commonName: received.commonName });
    this.deps.onHookFailed?.(run, aborted, facts);
    return decision;
  }

  /** Signed content reused under another event: processed, and a `security` notification says so (SPEC §11). */
  private reuseDecision(reuse: SignedReuse, received: VerifiedDelivery): NotificationDecision {
    return signedReuseDecision({ firstDeliveryId: reuse.of, event: received.event, deliveryId: received.deliveryId,
      certificateId: received.certificateId, commonName: received.commonName });
  }
}
