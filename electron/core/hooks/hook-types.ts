/** Hooks as the pipeline runs them, and the record of one run (SPEC §5). */
import type { HookEntry, HookRunRecord, HookStage } from '../../../shared/bridge/types.ts';

export type { HookStage } from '../../../shared/bridge/types.ts';

export const HOOK_STAGES: readonly HookStage[] = ['pre', 'success', 'post'];

/** A command hook from `hooks`, or one method of the `hooksFile` class (the bridge's `HookEntry`). */
export type HookSpec = HookEntry;

/** What a hook is told about the delivery (environment variables, stdin, or the hooks file's ctx). */
export interface HookContext {
  stage: HookStage;
  event: string | null;
  deliveryId: string;
  entityId: string | null;
  certificateName: string | null;
  orderName: string | null;
  commonName: string | null;
  /** Post hooks: what failed earlier in the pipeline, if anything. */
  error: string | null;
  /** The PEM chain (main + intermediate + root) when the delivery carries certificates. */
  certificate: string | null;
  /** Base64 DER of the main certificate. */
  certificateRaw: string | null;
  /** The delivery body exactly as received. */
  body: Buffer;
}

/** A run record: which hook, and what its process did (`error`: could not start, timed out, threw). */
export type HookRun = HookRunRecord;

export function hookFailed(run: HookRun): boolean {
  return run.error !== null || run.timedOut || run.exitCode !== 0;
}

export function describeFailure(run: HookRun): string {
  if (run.timedOut) return `${run.hook}: timed out`;
  if (run.error) return `${run.hook}: ${run.error}`;
  return `${run.hook}: exited with ${run.exitCode ?? run.signal}`;
}
