/**
 * SPEC §5, acme2certifier's failure policy mapped onto a delivery:
 * pre → apply → success → post. A failing pre hook (unless allowed) stops everything; a failing
 * success hook (unless allowed) stops before post; post hooks always run otherwise, told of
 * earlier errors, and fail the delivery only when `allowPostHookFailure` is false.
 */
import { hookContext, type DeliveryFacts } from '../hooks/hook-context.ts';
import { hooksFor, matches } from '../hooks/hook-set.ts';
import { describeFailure, hookFailed, type HookContext, type HookRunRecord, type HookEntry, type HookStage } from '../hooks/hook-types.ts';

export interface PipelinePolicy {
  allowPreHookFailure: boolean;
  allowSuccessHookFailure: boolean;
  allowPostHookFailure: boolean;
}

export interface HookStageDeps {
  runHook(spec: HookEntry, ctx: HookContext): Promise<HookRunRecord | null>;
  /** Every failed run; `aborted` when it stopped the delivery. */
  onHookFailed?(run: HookRunRecord, aborted: boolean): void;
}

export interface PipelineResult {
  outcome: 'accepted' | 'aborted';
  /** The hook named in the 503 answer. */
  failedHook: string | null;
  error: string | null;
  runs: HookRunRecord[];
}

/** Whether any stage has a hook for this event (most deliveries have none). */
export function hasHooks(specs: readonly HookEntry[], event: string | null): boolean {
  return specs.some((spec) => matches(spec, event));
}

function failureAllowed(policy: PipelinePolicy, stage: HookStage): boolean {
  if (stage === 'pre') return policy.allowPreHookFailure;
  return stage === 'success' ? policy.allowSuccessHookFailure : policy.allowPostHookFailure;
}

/**
 * One delivery's hooks, a stage at a time, under the failure policy: it keeps every run, the
 * failures the post hooks are told of, and the run that stopped the delivery, if one did.
 */
export class HookStages {
  /** Every run, in order: the delivery's record keeps them. */
  readonly runs: HookRunRecord[] = [];
  private readonly facts: DeliveryFacts;
  private readonly policy: PipelinePolicy;
  private readonly deps: HookStageDeps;
  private readonly hooks: Record<HookStage, HookEntry[]>;
  /** Failures of pre and success hooks that were allowed: post hooks get them as CERTBELL_ERROR. */
  private readonly earlier: HookRunRecord[] = [];
  private stoppedBy: HookRunRecord | null = null;

  constructor(facts: DeliveryFacts, specs: readonly HookEntry[], policy: PipelinePolicy, deps: HookStageDeps) {
    this.facts = facts;
    this.policy = policy;
    this.deps = deps;
    this.hooks = { pre: hooksFor(specs, 'pre', facts.event), success: hooksFor(specs, 'success', facts.event),
      post: hooksFor(specs, 'post', facts.event) };
  }

  /** A hook failure stopped the delivery: no later stage runs, and it is answered 503. */
  get stopped(): boolean {
    return this.stoppedBy !== null;
  }

  /** Success or post hooks follow apply: what they read of the inventory must be stored by then. */
  get hooksAfterApply(): boolean {
    return this.hooks.success.length > 0 || this.hooks.post.length > 0;
  }

  /**
   * The stage has hooks for this event and nothing stopped the delivery before it. Most deliveries
   * have no hook in a stage: asking first spares them a trip through the microtask queue.
   */
  due(stage: HookStage): boolean {
    return this.stoppedBy === null && this.hooks[stage].length > 0;
  }

  /** Runs the stage's hooks in order; a failure that is not allowed stops the delivery. */
  async run(stage: HookStage): Promise<void> {
    const allowed = failureAllowed(this.policy, stage);
    const error = stage === 'post' ? this.earlierError() : null;
    let firstPostFailure: HookRunRecord | null = null;
    for (const spec of this.hooks[stage]) {
      const run = await this.deps.runHook(spec, hookContext(this.facts, stage, error));
      if (!run) continue;
      this.runs.push(run);
      if (!hookFailed(run)) continue;
      this.deps.onHookFailed?.(run, !allowed);
      // Post hooks "always" run: a failure among them does not skip the ones after it.
      if (stage === 'post') firstPostFailure ??= run;
      else if (allowed) this.earlier.push(run);
      else { this.stoppedBy = run; return; }
    }
    if (firstPostFailure && !allowed) this.stoppedBy = firstPostFailure;
  }

  result(): PipelineResult {
    const stop = this.stoppedBy;
    if (stop) return { outcome: 'aborted', failedHook: stop.hook, error: describeFailure(stop), runs: this.runs };
    return { outcome: 'accepted', failedHook: null, error: this.earlierError(), runs: this.runs };
  }

  private earlierError(): string | null {
    return this.earlier.map(describeFailure).join('; ') || null;
  }
}
