/**
 * SPEC §5, acme2certifier's failure policy mapped onto a delivery:
 * pre → apply → success → post. A failing pre hook (unless allowed) stops everything; a failing
 * success hook (unless allowed) stops before post; post hooks always run otherwise, told of
 * earlier errors, and fail the delivery only when `allowPostHookFailure` is false.
 */
import { hookContext, type DeliveryFacts } from '../hooks/hook-context.ts';
import { hooksFor } from '../hooks/hook-set.ts';
import { describeFailure, hookFailed, type HookContext, type HookRun, type HookSpec, type HookStage } from '../hooks/hook-types.ts';

export interface PipelinePolicy {
  allowPreHookFailure: boolean;
  allowSuccessHookFailure: boolean;
  allowPostHookFailure: boolean;
}

export interface PipelineDeps {
  runHook(spec: HookSpec, ctx: HookContext): Promise<HookRun | null>;
  /**
   * Step 2: certificate inventory and notification decisions. `hooksAfter`: success or post hooks
   * will run for this delivery (the inventory change must then be in the store before they do).
   */
  apply(facts: DeliveryFacts, hooksAfter: boolean): void | Promise<void>;
  /** Every failed run; `aborted` when it stopped the delivery. */
  onHookFailed?(run: HookRun, aborted: boolean): void;
}

export interface PipelineResult {
  outcome: 'accepted' | 'aborted';
  /** The hook named in the 503 answer. */
  failedHook: string | null;
  error: string | null;
  runs: HookRun[];
}

interface StageResult {
  fatal: HookRun | null;
  failures: HookRun[];
}

const NOTHING_RAN: StageResult = { fatal: null, failures: [] };

/** Most deliveries have no hook in a stage: then the stage is done without a trip through the microtask queue. */
function runStage(stage: HookStage, hooks: readonly HookSpec[], facts: DeliveryFacts, allowFailure: boolean,
  error: string | null, runs: HookRun[], deps: PipelineDeps): StageResult | Promise<StageResult> {
  return hooks.length === 0 ? NOTHING_RAN : runHooks(stage, hooks, facts, allowFailure, error, runs, deps);
}

async function runHooks(stage: HookStage, hooks: readonly HookSpec[], facts: DeliveryFacts, allowFailure: boolean,
  error: string | null, runs: HookRun[], deps: PipelineDeps): Promise<StageResult> {
  const failures: HookRun[] = [];
  for (const spec of hooks) {
    const run = await deps.runHook(spec, hookContext(facts, stage, error));
    if (!run) continue;
    runs.push(run);
    if (!hookFailed(run)) continue;
    failures.push(run);
    // Post hooks "always" run: a failure among them does not skip the ones after it.
    const fatal = !allowFailure && stage !== 'post';
    deps.onHookFailed?.(run, !allowFailure);
    if (fatal) return { fatal: run, failures };
  }
  return { fatal: null, failures };
}

function aborted(run: HookRun, runs: HookRun[]): PipelineResult {
  return { outcome: 'aborted', failedHook: run.hook, error: describeFailure(run), runs };
}

export async function runPipeline(facts: DeliveryFacts, specs: readonly HookSpec[], policy: PipelinePolicy,
  deps: PipelineDeps): Promise<PipelineResult> {
  const runs: HookRun[] = [];
  let stage = runStage('pre', hooksFor(specs, 'pre', facts.event), facts, policy.allowPreHookFailure, null, runs, deps);
  const pre = stage instanceof Promise ? await stage : stage;
  if (pre.fatal) return aborted(pre.fatal, runs);
  const successHooks = hooksFor(specs, 'success', facts.event);
  const postHooks = hooksFor(specs, 'post', facts.event);
  const applying = deps.apply(facts, successHooks.length > 0 || postHooks.length > 0);
  if (applying) await applying;
  stage = runStage('success', successHooks, facts, policy.allowSuccessHookFailure, null, runs, deps);
  const success = stage instanceof Promise ? await stage : stage;
  if (success.fatal) return aborted(success.fatal, runs);
  const earlier = [...pre.failures, ...success.failures].map(describeFailure).join('; ') || null;
  stage = runStage('post', postHooks, facts, policy.allowPostHookFailure, earlier, runs, deps);
  const post = stage instanceof Promise ? await stage : stage;
  if (post.failures.length > 0 && !policy.allowPostHookFailure) return aborted(post.failures[0], runs);
  return { outcome: 'accepted', failedHook: null, error: earlier, runs };
}
