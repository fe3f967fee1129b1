import { describe, expect, it } from 'vitest';
import type { DeliveryFacts } from '../../../../../electron/core/hooks/hook-context.ts';
import type { HookContext, HookRunRecord, HookEntry, HookStage } from '../../../../../electron/core/hooks/hook-types.ts';
import { HookStages, type HookStageDeps, type PipelinePolicy, type PipelineResult } from '../../../../../electron/core/pipeline/pipeline.ts';

const FACTS: DeliveryFacts = { deliveryId: 'd-1', event: 'ssl_panel.issued', entityId: null, body: Buffer.from('{}'), parsed: {} };

function spec(name: string, stage: HookStage, events: string[] = ['*']): HookEntry {
  return { kind: 'command', name, stage, events, command: ['/bin/true'], cwd: '/', env: {}, timeoutMs: 1000 };
}

function run(name: string, stage: HookStage, fields: Partial<HookRunRecord> = {}): HookRunRecord {
  return { hook: name, stage, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, exitCode: 0, signal: null, timedOut: false,
    stdout: '', stderr: '', error: null, ...fields };
}

/** The stages in the processor's order (pre → apply → success → post), with apply as a callback. */
async function runPipeline(facts: DeliveryFacts, specs: readonly HookEntry[], policy: PipelinePolicy,
  deps: HookStageDeps & { apply(facts: DeliveryFacts, hooksAfter: boolean): void | Promise<void> }): Promise<PipelineResult> {
  const hooks = new HookStages(facts, specs, policy, deps);
  if (hooks.due('pre')) await hooks.run('pre');
  if (!hooks.stopped) await deps.apply(facts, hooks.hooksAfterApply);
  if (hooks.due('success')) await hooks.run('success');
  if (hooks.due('post')) await hooks.run('post');
  return hooks.result();
}

/** Two hooks per stage, in config order. */
const SPECS = [spec('pre-a', 'pre'), spec('pre-b', 'pre'), spec('success-a', 'success'), spec('success-b', 'success'),
  spec('post-a', 'post'), spec('post-b', 'post')];

/** runPipeline with a fake runHook: `outcomes` sets a hook's run fields (or null: nothing ran). */
async function pipeline(policy: Partial<PipelinePolicy>, outcomes: Record<string, Partial<HookRunRecord> | null> = {},
  specs: HookEntry[] = SPECS, facts: DeliveryFacts = FACTS) {
  const calls: string[] = [];
  const failed: string[] = [];
  const result = await runPipeline(facts, specs,
    { allowPreHookFailure: false, allowSuccessHookFailure: false, allowPostHookFailure: true, ...policy }, {
      runHook: async (s: HookEntry, ctx: HookContext) => {
        calls.push(`${ctx.stage} ${s.name}${ctx.error ? ` error=${ctx.error}` : ''}`);
        const outcome = outcomes[s.name];
        return outcome === null ? null : run(s.name, s.stage, outcome);
      },
      apply: () => { calls.push('apply'); },
      onHookFailed: (r, aborted) => { failed.push(`${r.hook}${aborted ? ' aborted' : ''}`); },
    });
  return { result, calls, failed, ran: result.runs.map((r) => r.hook) };
}

const FAIL = { exitCode: 1 };
const ALL = ['pre pre-a', 'pre pre-b', 'apply', 'success success-a', 'success success-b', 'post post-a', 'post post-b'];

describe('runPipeline', () => {
  it('runs pre, apply, success, post in order when nothing fails', async () => {
    const { result, calls, failed, ran } = await pipeline({});
    expect(calls).toEqual(ALL);
    expect(result).toMatchObject({ outcome: 'accepted', failedHook: null, error: null });
    expect(ran).toEqual(['pre-a', 'pre-b', 'success-a', 'success-b', 'post-a', 'post-b']);
    expect(failed).toEqual([]);
  });

  it('tells apply whether success or post hooks follow, and waits for it before they run', async () => {
    const seen: boolean[] = [];
    const calls: string[] = [];
    const policy = { allowPreHookFailure: false, allowSuccessHookFailure: false, allowPostHookFailure: true };
    const deps = (specs: HookEntry[]) => runPipeline(FACTS, specs, policy, {
      runHook: async (s: HookEntry) => { calls.push(s.name); return run(s.name, s.stage); },
      apply: async (_facts: DeliveryFacts, hooksAfter: boolean) => {
        seen.push(hooksAfter);
        await new Promise((resolve) => setTimeout(resolve, 20));
        calls.push('applied');
      },
    });
    await deps(SPECS);
    expect(calls).toEqual(['pre-a', 'pre-b', 'applied', 'success-a', 'success-b', 'post-a', 'post-b']);
    await deps([spec('pre-a', 'pre'), spec('post-only-for-others', 'post', ['ssl_panel.created'])]);
    await deps([spec('success-a', 'success')]);
    expect(seen).toEqual([true, false, true]);
  });

  it('pre fails, not allowed: stops at once; no apply, success or post', async () => {
    const { result, calls, failed, ran } = await pipeline({ allowPreHookFailure: false }, { 'pre-a': FAIL });
    expect(calls).toEqual(['pre pre-a']);
    expect(result).toMatchObject({ outcome: 'aborted', failedHook: 'pre-a', error: 'pre-a: exited with 1' });
    expect(ran).toEqual(['pre-a']);
    expect(failed).toEqual(['pre-a aborted']);
  });

  it('pre fails, allowed: everything else runs, post hooks get the error', async () => {
    const { result, calls, failed } = await pipeline({ allowPreHookFailure: true }, { 'pre-a': FAIL });
    expect(calls).toEqual([...ALL.slice(0, 5), 'post post-a error=pre-a: exited with 1', 'post post-b error=pre-a: exited with 1']);
    expect(result).toMatchObject({ outcome: 'accepted', failedHook: null, error: 'pre-a: exited with 1' });
    expect(failed).toEqual(['pre-a']);
  });

  it('success fails, not allowed: stops before the next success hook and before post', async () => {
    const { result, calls, failed } = await pipeline({ allowSuccessHookFailure: false }, { 'success-a': FAIL });
    expect(calls).toEqual(['pre pre-a', 'pre pre-b', 'apply', 'success success-a']);
    expect(result).toMatchObject({ outcome: 'aborted', failedHook: 'success-a' });
    expect(failed).toEqual(['success-a aborted']);
  });

  it('success fails, allowed: post hooks run and get the error', async () => {
    const { result, calls, failed } = await pipeline({ allowSuccessHookFailure: true }, { 'success-a': FAIL });
    expect(calls).toEqual([...ALL.slice(0, 5), 'post post-a error=success-a: exited with 1', 'post post-b error=success-a: exited with 1']);
    expect(result).toMatchObject({ outcome: 'accepted', error: 'success-a: exited with 1' });
    expect(failed).toEqual(['success-a']);
  });

  it('post fails, allowed: accepted, the failure reported but not in the delivery error', async () => {
    const { result, calls, failed, ran } = await pipeline({ allowPostHookFailure: true }, { 'post-a': FAIL });
    expect(calls).toEqual(ALL);
    expect(result).toMatchObject({ outcome: 'accepted', failedHook: null, error: null });
    expect(ran).toContain('post-a');
    expect(failed).toEqual(['post-a']);
  });

  it('post fails, not allowed: the later post hooks still run, then the delivery is aborted naming the first', async () => {
    const { result, calls, failed } = await pipeline({ allowPostHookFailure: false }, { 'post-a': FAIL, 'post-b': { exitCode: 2 } });
    expect(calls).toEqual(ALL);
    expect(result).toMatchObject({ outcome: 'aborted', failedHook: 'post-a', error: 'post-a: exited with 1' });
    expect(failed).toEqual(['post-a aborted', 'post-b aborted']);
  });

  it('joins every allowed earlier failure into the error post hooks see', async () => {
    const { result, calls } = await pipeline({ allowPreHookFailure: true, allowSuccessHookFailure: true },
      { 'pre-a': FAIL, 'pre-b': { timedOut: true, exitCode: null, signal: 'SIGKILL', error: 'timed out after 5 ms' },
        'success-b': { exitCode: null, error: 'could not start: /x not found' } });
    const error = 'pre-a: exited with 1; pre-b: timed out; success-b: could not start: /x not found';
    expect(calls.slice(-2)).toEqual([`post post-a error=${error}`, `post post-b error=${error}`]);
    expect(result.error).toBe(error);
  });

  it.each([
    ['timed out', { timedOut: true, exitCode: null, signal: 'SIGKILL', error: 'timed out after 5 ms' }, 'pre-a: timed out'],
    ['killed by a signal', { exitCode: null, signal: 'SIGSEGV' }, 'pre-a: exited with SIGSEGV'],
    ['could not start', { exitCode: null, error: 'could not start: /x not found' }, 'pre-a: could not start: /x not found'],
    ['threw (hooks file)', { exitCode: 1, error: 'Error: boom' }, 'pre-a: Error: boom'],
  ])('counts a run that %s as a failure', async (_what, fields, error) => {
    const { result, calls } = await pipeline({}, { 'pre-a': fields });
    expect(calls).toEqual(['pre pre-a']);
    expect(result).toMatchObject({ outcome: 'aborted', failedHook: 'pre-a', error });
  });

  it('records nothing for a hook that did not run (a hooks-file method the class lacks)', async () => {
    const { result, calls, ran } = await pipeline({}, { 'pre-a': null, 'post-b': null });
    expect(calls).toEqual(ALL);
    expect(ran).toEqual(['pre-b', 'success-a', 'success-b', 'post-a']);
    expect(result.outcome).toBe('accepted');
  });

  it('runs only the hooks whose events match; "*" matches every event, even none', async () => {
    const specs = [spec('issued', 'pre', ['ssl_panel.issued']), spec('created', 'pre', ['ssl_panel.created', 'ping']),
      spec('any', 'post', ['*'])];
    expect((await pipeline({}, {}, specs)).calls).toEqual(['pre issued', 'apply', 'post any']);
    expect((await pipeline({}, {}, specs, { ...FACTS, event: 'ping' })).calls).toEqual(['pre created', 'apply', 'post any']);
    expect((await pipeline({}, {}, specs, { ...FACTS, event: null })).calls).toEqual(['apply', 'post any']);
  });
});
