/**
 * What a verified delivery is answered and recorded as (SPEC §3, §5, §11). An empty response is
 * written by the store as `{"status":<outcome>,"delivery":<id>}`, with the outcome it decided.
 */
import type { DeliveryVerdict } from '../store/delivery-types.ts';
import type { PipelineResult } from './pipeline.ts';

/**
 * Its id was accepted before: a would-be `accepted` with `dedupe`, which the committing
 * transaction turns into `duplicate` (so two at once cannot both be accepted).
 */
export function acceptedBefore(): DeliveryVerdict {
  return { status: 200, outcome: 'accepted', dedupe: true, response: '', error: null };
}

/** The signed content and event of an accepted delivery, under a new delivery id: a resent capture. */
export function resentContent(firstDeliveryId: string): DeliveryVerdict {
  return { status: 200, outcome: 'duplicate', dedupe: false, response: '', error: null, replayOf: firstDeliveryId };
}

/**
 * After the hooks: 200 `accepted`, or 503 naming the hook that stopped it. `replay`: a replay is
 * processed whatever came before, so it is never turned into a duplicate.
 */
export function afterHooks(hooks: PipelineResult, replay: boolean, replayOf: string | null): DeliveryVerdict {
  if (hooks.outcome === 'accepted') {
    return { status: 200, outcome: 'accepted', dedupe: !replay, response: '', error: hooks.error, replayOf };
  }
  return { status: 503, outcome: 'aborted', dedupe: false, response: JSON.stringify({ error: 'hook failed', hook: hooks.failedHook }),
    error: hooks.error, replayOf };
}
