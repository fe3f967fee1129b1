/**
 * What the signature panel shows of an explanation, decided from its code and facts, never from
 * the reason's wording (shown as written, for people). Old records without a code are read through
 * signatureCode, the one place that derives it.
 */
import { signatureCode } from '../../../shared/bridge/signature-code.ts';
import type { SignatureCode, SignatureExplanation, SignatureVerdict } from '../../../shared/bridge/types.ts';

export interface SignatureView {
  verdict: SignatureVerdict;
  reason: string;
  /** An edited replay's original record, to link to. */
  editedFrom: number | null;
  /** What was received and computed; null when nothing was checked and the reason says it all. */
  checks: SignatureChecks | null;
}

export interface SignatureChecks {
  matched: SignatureExplanation['matched'];
  /** The reason already names the matched secret and input: only the algorithm is new. */
  reasonNamesMatch: boolean;
  received: SignatureExplanation['received'];
  /** Said above the received digests when they are not all the header held. */
  receivedNote: string | null;
  receivedEmpty: string;
  tried: SignatureExplanation['tried'];
  triedEmpty: string;
}

const CHECKED: ReadonlySet<SignatureCode> = new Set(['matched', 'no-match', 'too-many', 'unreadable']);

const NOTHING_COMPUTED: Partial<Record<SignatureCode, string>> = {
  'too-many': 'No HMAC was computed: the header holds more signatures than are checked.',
  unreadable: 'No HMAC was computed: no signature in the header has a supported algorithm and a well-formed digest.',
  'no-match': 'No HMAC was computed: the body holds none of the inputs signatureInput allows.',
};

export function signatureView(detail: SignatureExplanation): SignatureView {
  const code = signatureCode(detail);
  // Without a code, an old record shows whatever it holds.
  const checked = code ? CHECKED.has(code) : detail.received.length > 0 || detail.tried.length > 0;
  return {
    verdict: detail.verdict,
    reason: detail.reason,
    editedFrom: code === 'edited' ? detail.editedFrom ?? null : null,
    checks: checked ? checks(detail, code) : null,
  };
}

function checks(detail: SignatureExplanation, code: SignatureCode | null): SignatureChecks {
  const count = detail.signatureCount;
  return {
    matched: detail.matched,
    reasonNamesMatch: code === 'matched',
    received: detail.received,
    receivedNote: code === 'too-many' && count !== undefined && count > detail.received.length
      ? `The first ${detail.received.length} of the ${count} signatures in the header.` : null,
    receivedEmpty: 'No digest in the Signature header.',
    tried: detail.tried,
    triedEmpty: (code && NOTHING_COMPUTED[code]) ?? 'No HMAC was computed.',
  };
}
