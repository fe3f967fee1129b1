/** The `hook` notification: a hook failed (SPEC §5, §7). */
import { capitalize, firstLine } from './text.ts';
import type { NotificationDecision } from './types.ts';

export interface HookFailureInput {
  hook: string;
  stage: string;
  error: string;
  /** Whether the failure stopped the delivery (503; the provider retries it). */
  aborted: boolean;
  deliveryId: string;
  certificateId: string | null;
  commonName: string | null;
}

export function hookFailureDecision(input: HookFailureInput): NotificationDecision {
  const what = `the ${input.stage} hook "${input.hook}" failed`;
  const error = firstLine(input.error) || 'unknown error';
  const outcome = input.aborted
    ? 'The delivery was aborted; the provider will send it again.'
    : 'The delivery was still processed.';
  return {
    kind: 'hook',
    title: `Hook "${input.hook}" failed`,
    body: `${input.commonName ? `${input.commonName}: ${what}` : capitalize(what)} (${error}). ${outcome}`,
    urgency: 'normal',
    certificateId: input.certificateId,
    deliveryId: input.deliveryId,
    commonName: input.commonName,
  };
}
