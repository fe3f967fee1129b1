/** SPEC §11: the CPU a Signature header can cost is bounded by the body, not by the header. */
import { describe, it, expect } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { MAX_SIGNATURES, verifyKey, verifySignature, type Hmac, type VerifyRequest } from '../../../../../electron/core/signature/verify.ts';

const body = Buffer.from(JSON.stringify({ data: { id: 1, certificate: { id: 7 } }, metadata: { event: 'ssl_panel.issued' } }));
const keys = [verifyKey('old', 'old secret'), verifyKey('new', 'new secret')];
const wrong = () => randomBytes(32).toString('hex');

function counted(over: Partial<VerifyRequest>) {
  let hmacs = 0;
  const hmac: Hmac = (algorithm, key, bytes) => { hmacs++; return createHmac(algorithm, key).update(bytes).digest(); };
  const result = verifySignature({ header: undefined, body, parsed: JSON.parse(body.toString()), keys, mode: 'auto',
    allowUnsigned: false, hmac, ...over });
  return { result, hmacs };
}

describe('verifySignature: bounded work per request', () => {
  it('refuses a header of 240 digests as too many signatures, computing no HMAC', () => {
    const header = Array.from({ length: 240 }, () => `sha256=${wrong()}`).join(',');
    const { result, hmacs } = counted({ header });
    expect(hmacs).toBe(0);
    expect(result.rejection).toBe('invalid signature');
    expect(result.detail.reason).toMatch(/too many signatures/);
    expect(result.detail.received).toHaveLength(MAX_SIGNATURES);
  });

  it('checks a header of exactly 8 signatures, and counts one past it as too many', () => {
    expect(counted({ header: Array.from({ length: 8 }, wrong).join(',') }).hmacs).toBeGreaterThan(0);
    expect(counted({ header: Array.from({ length: 9 }, wrong).join(',') }).hmacs).toBe(0);
  });

  it('computes each (input, secret, algorithm) HMAC once however many digests share the algorithm', () => {
    // 8 sha256 digests, 2 secrets, the inputs of `auto` for this body: body and data (raw equals compact here).
    const { result, hmacs } = counted({ header: Array.from({ length: 8 }, () => `sha256=${wrong()}`).join(',') });
    expect(result.verdict).toBe('invalid');
    expect(hmacs).toBe(2 * 2);
    expect(result.detail.tried).toHaveLength(4);
  });

  it('one HMAC per algorithm named: 4 sha256 and 4 sha512 digests cost 2 per input and secret', () => {
    const header = [...Array.from({ length: 4 }, () => `sha256=${wrong()}`),
      ...Array.from({ length: 4 }, () => `sha512=${randomBytes(64).toString('hex')}`)].join(',');
    expect(counted({ header }).hmacs).toBe(2 * 2 * 2);
  });

  it('still finds the matching digest among the wrong ones, and keys the signed content', () => {
    const good = createHmac('sha256', 'new secret').update(body).digest('hex');
    const { result } = counted({ header: [wrong(), wrong(), `sha256=${good}`].join(',') });
    expect(result.verdict).toBe('valid');
    expect(result.detail.matched).toEqual({ secret: 'new', input: 'body', algorithm: 'sha256' });
    expect(result.signedKey).toBe(`body:sha256:${good}`);
  });

  it('keys data-signed content by its part, so the same data under another envelope has the same key', () => {
    const data = JSON.stringify({ id: 1, certificate: { id: 7 } });
    const digest = createHmac('sha256', 'old secret').update(data).digest('hex');
    const other = Buffer.from(`{"data":${data},"metadata":{"event":"ssl_panel.renewed"}}`);
    const first = counted({ header: `sha256=${digest}` }).result;
    const second = counted({ header: `sha256=${digest}`, body: other, parsed: JSON.parse(other.toString()) }).result;
    expect(first.signedKey).toBe(`data:sha256:${digest}`);
    expect(second.signedKey).toBe(first.signedKey);
  });
});
