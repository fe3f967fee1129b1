import { describe, expect, it } from 'vitest';
import { signatureCode } from '../../../../shared/bridge/signature-code.ts';
import type { SignatureExplanation } from '../../../../shared/bridge/types.ts';
import { signatureView } from '../../../../renderer/src/lib/signature-view.ts';

const received = [{ algorithm: 'sha256', digest: 'aaaaaaaaaaaa' }];
const tried = [{ secret: 'primary', input: 'body' as const, algorithm: 'sha256', computed: 'bbbbbbbbbbbb' }];
const detail = (over: Partial<SignatureExplanation>): SignatureExplanation =>
  ({ verdict: 'invalid', reason: 'some words', received: [], matched: null, tried: [], ...over });

describe('signatureView', () => {
  it('matched: the reason names secret and input, so only the algorithm is added', () => {
    const view = signatureView(detail({ verdict: 'valid', code: 'matched', received, tried,
      matched: { secret: 'primary', input: 'body', algorithm: 'sha256' } }));
    expect(view.checks).toMatchObject({ reasonNamesMatch: true, matched: { algorithm: 'sha256' }, received, tried });
  });

  it('whatever the reason says, it is shown as written and never decides the view', () => {
    const named = detail({ verdict: 'valid', code: 'matched', reason: 'anything at all', received, tried,
      matched: { secret: 'primary', input: 'body', algorithm: 'sha256' } });
    expect(signatureView(named)).toMatchObject({ reason: 'anything at all', checks: { reasonNamesMatch: true } });
  });

  it('no-match: the digests received and every one computed', () => {
    const view = signatureView(detail({ code: 'no-match', received, tried }));
    expect(view.checks).toMatchObject({ matched: null, received, tried, receivedNote: null });
    expect(signatureView(detail({ code: 'no-match', received })).checks?.triedEmpty).toMatch(/none of the inputs/);
  });

  it('no-header, no-secret and edited: nothing was checked, so no digest tables', () => {
    for (const code of ['no-header', 'no-secret'] as const) {
      for (const verdict of ['missing', 'invalid', 'unverified'] as const) {
        expect(signatureView(detail({ verdict, code })).checks).toBeNull();
      }
    }
    const edited = signatureView(detail({ verdict: 'unverified', code: 'edited', editedFrom: 7 }));
    expect(edited).toMatchObject({ checks: null, editedFrom: 7 });
  });

  it('too-many: says the digests listed are the first of how many, and why none was computed', () => {
    const view = signatureView(detail({ code: 'too-many', received, signatureCount: 240 }));
    expect(view.checks?.receivedNote).toBe('The first 1 of the 240 signatures in the header.');
    expect(view.checks?.triedEmpty).toMatch(/more signatures than are checked/);
  });

  it('unreadable: shows what was received, and why nothing was computed', () => {
    const view = signatureView(detail({ code: 'unreadable', received: [{ algorithm: 'unsupported', digest: '00' }] }));
    expect(view.checks?.triedEmpty).toMatch(/no signature in the header has a supported algorithm/);
    expect(signatureView(detail({ code: 'unreadable' })).checks?.receivedEmpty).toBe('No digest in the Signature header.');
  });

  it('links an edited replay to its original only when it is one', () => {
    expect(signatureView(detail({ code: 'no-match', received, tried, editedFrom: 3 })).editedFrom).toBeNull();
    expect(signatureView(detail({ verdict: 'unverified', code: 'edited' })).editedFrom).toBeNull();
  });
});

describe('old records, stored without a code', () => {
  it('a valid one reads as matched (every verifier named the secret and input in its reason)', () => {
    const old = detail({ verdict: 'valid', reason: 'matched secret "primary" over the body', received, tried,
      matched: { secret: 'primary', input: 'body', algorithm: 'sha256' } });
    expect(signatureCode(old)).toBe('matched');
    expect(signatureView(old).checks).toMatchObject({ reasonNamesMatch: true });
  });

  it('one with computed digests reads as no-match, and shows them', () => {
    const old = detail({ received, tried });
    expect(signatureCode(old)).toBe('no-match');
    expect(signatureView(old).checks).toMatchObject({ received, tried });
  });

  it('one that only received digests shows them, with no cause claimed for computing none', () => {
    const old = detail({ reason: 'too many signatures: the header holds 240, at most 8 are checked', received });
    expect(signatureCode(old)).toBeNull();
    expect(signatureView(old).checks).toMatchObject({ received, receivedNote: null, triedEmpty: 'No HMAC was computed.' });
  });

  it('one with nothing received or computed shows its reason alone (unsigned, secretless or an edited replay)', () => {
    for (const verdict of ['unverified', 'missing', 'invalid'] as const) {
      const old = detail({ verdict, reason: 'the body was edited before this replay of record 4, so no signature applies' });
      expect(signatureCode(old)).toBeNull();
      expect(signatureView(old)).toEqual({ verdict, reason: old.reason, editedFrom: null, checks: null });
    }
  });

  it('a code, when there is one, wins over what the structure suggests', () => {
    expect(signatureCode(detail({ code: 'too-many', received, tried }))).toBe('too-many');
  });
});
