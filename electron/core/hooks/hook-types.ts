/** Hooks as the pipeline runs them, and the record of one run (SPEC §5). */
import type { HookRunRecord, HookStage } from '../../../shared/bridge/types.ts';

export type { HookEntry, HookRunRecord, HookStage } from '../../../shared/bridge/types.ts';

export const HOOK_STAGES: readonly HookStage[] = ['pre', 'success', 'post'];


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


export function hookFailed(run: HookRunRecord): boolean {
  return run.error !== null || run.timedOut || run.exitCode !== 0;
}

export function describeFailure(run: HookRunRecord): string {
  if (run.timedOut) return `${run.hook}: timed out`;
  if (run.error) return `${run.hook}: ${run.error}`;
  return `${run.hook}: exited with ${run.exitCode ?? run.signal}`;
}
