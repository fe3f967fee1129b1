/**
 * The code of a stored signature explanation, in one place for every reader. Records stored before
 * `code` existed get the code their structure proves, or null when it could be several (an
 * unverified record with nothing checked may be unsigned, secretless or edited): never one guessed
 * from the reason, whose wording is for people and may change.
 */
import type { SignatureCode, SignatureExplanation } from './types.ts';

export function signatureCode(detail: SignatureExplanation): SignatureCode | null {
  if (detail.code) return detail.code;
  // Every verifier so far gave `matched` only with a `valid` verdict, and computed digests only to compare them.
  if (detail.verdict === 'valid' && detail.matched) return 'matched';
  if (detail.tried.length > 0) return 'no-match';
  return null;
}
