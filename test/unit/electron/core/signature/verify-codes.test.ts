/** Each verdict path records its code, so the inspector and `delivery --json` need not read the reason. */
import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { MAX_SIGNATURES, editedSignatureDetail, verifyKey, verifySignature, type VerifyRequest } from '../../../../../electron/core/signature/verify.ts';

const SECRET = 'the secret';
const bodyText = JSON.stringify({ data: { id: 1 }, metadata: { event: 'ssl_panel.issued' } });
const body = Buffer.from(bodyText);
const sign = (bytes: string | Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;

function verify(over: Partial<VerifyRequest>) {
  return verifySignature({ header: undefined, body, parsed: JSON.parse(bodyText), keys: [verifyKey('primary', SECRET)],
    mode: 'auto', allowUnsigned: false, ...over });
}

describe('verifySignature: the code of each path', () => {
  it('matched: valid, and the reason names the matched secret and input (the inspector relies on it)', () => {
    for (const [header, input] of [[sign(body), 'body'], [sign('{"id":1}'), 'data-raw']] as const) {
      const { detail } = verify({ header });
      expect(detail).toMatchObject({ verdict: 'valid', code: 'matched', matched: { secret: 'primary', input } });
      expect(detail.reason).toContain('"primary"');
      expect(detail.reason).toContain(input);
    }
  });

  it('no-match: invalid, with what was tried; also when the body holds no input the mode allows', () => {
    const wrong = verify({ header: sign(body, 'another secret') });
    expect(wrong.detail).toMatchObject({ verdict: 'invalid', code: 'no-match', matched: null });
    expect(wrong.detail.tried.length).toBeGreaterThan(0);
    const noData = verify({ header: sign(body), mode: 'data', body: Buffer.from('{"x":1}'), parsed: { x: 1 } });
    expect(noData.detail).toMatchObject({ verdict: 'invalid', code: 'no-match', tried: [] });
  });

  it('no-header: missing and rejected, or unverified under allowUnsigned', () => {
    expect(verify({}).detail).toMatchObject({ verdict: 'missing', code: 'no-header', received: [], tried: [] });
    expect(verify({ allowUnsigned: true }).detail).toMatchObject({ verdict: 'unverified', code: 'no-header' });
  });

  it('no-secret: missing or invalid (header or not) and rejected, or unverified under allowUnsigned', () => {
    expect(verify({ keys: [] }).detail).toMatchObject({ verdict: 'missing', code: 'no-secret' });
    expect(verify({ keys: [], header: sign(body) }).detail).toMatchObject({ verdict: 'invalid', code: 'no-secret', received: [] });
    expect(verify({ keys: [], header: sign(body), allowUnsigned: true }).detail)
      .toMatchObject({ verdict: 'unverified', code: 'no-secret' });
  });

  it('too-many: invalid, with how many signatures the header held next to the ones listed', () => {
    const header = Array.from({ length: 20 }, () => sign(body, 'x')).join(',');
    const { detail } = verify({ header });
    expect(detail).toMatchObject({ verdict: 'invalid', code: 'too-many', signatureCount: 20, tried: [] });
    expect(detail.received).toHaveLength(MAX_SIGNATURES);
  });

  it('unreadable: invalid when no signature in the header can be used, or the header is only commas', () => {
    expect(verify({ header: 'md5=00, sha1=xyz' }).detail).toMatchObject({ verdict: 'invalid', code: 'unreadable', tried: [] });
    expect(verify({ header: ' , , ' }).detail).toMatchObject({ verdict: 'invalid', code: 'unreadable', received: [] });
  });

  it('only too-many says how many signatures there were', () => {
    expect(verify({ header: sign(body) }).detail).not.toHaveProperty('signatureCount');
  });
});

describe('editedSignatureDetail', () => {
  it('is unverified, checked nothing, and names the record whose body was edited', () => {
    expect(editedSignatureDetail(12)).toEqual({
      verdict: 'unverified', code: 'edited', reason: 'the body was edited before this replay of record 12, so no signature applies',
      received: [], matched: null, tried: [], editedFrom: 12,
    });
  });
});
