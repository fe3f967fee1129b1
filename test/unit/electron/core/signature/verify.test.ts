import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { verifyKey, verifySignature, type VerifyKey, type VerifyRequest } from '../../../../../electron/core/signature/verify.ts';

// GitHub's published webhook test vector.
const GH_SECRET = "It's a Secret to Everybody";
const GH_BODY = 'Hello, World!';
const GH_DIGEST = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

const key = (label: string, secret: string): VerifyKey => verifyKey(label, secret);
const hmac = (algorithm: string, secret: string, bytes: string | Buffer) =>
  createHmac(algorithm, secret).update(bytes).digest('hex');

function verify(over: Partial<VerifyRequest>) {
  const body = over.body ?? Buffer.from(GH_BODY);
  return verifySignature({
    header: undefined, body, parsed: undefined, keys: [key('github', GH_SECRET)], mode: 'auto', allowUnsigned: false,
    ...over,
  });
}

describe('verifySignature: the public GitHub test vector', () => {
  it('accepts sha256=<digest> of the raw body and says which secret and input matched', () => {
    const r = verify({ header: `sha256=${GH_DIGEST}` });
    expect(r.verdict).toBe('valid');
    expect(r.rejection).toBeNull();
    expect(r.detail.matched).toEqual({ secret: 'github', input: 'body', algorithm: 'sha256' });
    expect(r.detail.reason).toContain('github');
  });

  it('accepts the bare hex digest as sha256', () => {
    expect(verify({ header: GH_DIGEST }).detail.matched?.algorithm).toBe('sha256');
  });

  it('accepts upper-case hex and an upper-case algorithm name', () => {
    expect(verify({ header: `sha256=${GH_DIGEST.toUpperCase()}` }).verdict).toBe('valid');
    expect(verify({ header: `SHA256=${GH_DIGEST}` }).verdict).toBe('valid');
  });

  it('rejects the vector when one byte of the body changes', () => {
    const r = verify({ header: `sha256=${GH_DIGEST}`, body: Buffer.from('Hello, World?') });
    expect(r.verdict).toBe('invalid');
    expect(r.rejection).toBe('invalid signature');
  });
});

describe('verifySignature: algorithms and header forms', () => {
  it('accepts sha512 and sha1 signatures', () => {
    const sha512 = verify({ header: `sha512=${hmac('sha512', GH_SECRET, GH_BODY)}` });
    expect(sha512.detail.matched).toEqual({ secret: 'github', input: 'body', algorithm: 'sha512' });
    const sha1 = verify({ header: `sha1=${hmac('sha1', GH_SECRET, GH_BODY)}` });
    expect(sha1.detail.matched).toEqual({ secret: 'github', input: 'body', algorithm: 'sha1' });
  });

  it('does not accept a sha256 digest labelled as sha512', () => {
    const r = verify({ header: `sha512=${GH_DIGEST}${GH_DIGEST}` });
    expect(r.verdict).toBe('invalid');
  });

  it('rejects an unsupported algorithm with the reason, even with the right md5 digest', () => {
    const r = verify({ header: `md5=${hmac('md5', GH_SECRET, GH_BODY)}` });
    expect(r.verdict).toBe('invalid');
    expect(r.rejection).toBe('invalid signature');
    expect(r.detail.reason).toContain('unsupported algorithm "md5"');
    expect(r.detail.received).toEqual([{ algorithm: 'unsupported', digest: hmac('md5', GH_SECRET, GH_BODY).slice(0, 12) }]);
    expect(r.detail.tried).toEqual([]);
  });

  it('rejects a digest of the wrong length, and a non-hex digest, with their reasons', () => {
    const short = verify({ header: `sha256=${GH_DIGEST.slice(0, 60)}` });
    expect(short.verdict).toBe('invalid');
    expect(short.detail.reason).toContain('64 hex characters, got 60');
    const nonHex = verify({ header: `sha256=${GH_DIGEST.slice(0, 63)}z` });
    expect(nonHex.verdict).toBe('invalid');
    expect(nonHex.detail.reason).toContain('not hexadecimal');
  });

  it('gives every reason when no signature in the header is usable', () => {
    const r = verify({ header: 'md5=00, sha1=xyz' });
    expect(r.detail.reason).toContain('unsupported algorithm "md5"');
    expect(r.detail.reason).toContain('not hexadecimal');
  });

  it('calls a header of only commas empty', () => {
    const r = verify({ header: ' , , ' });
    expect(r.verdict).toBe('invalid');
    expect(r.detail.reason).toBe('the Signature header is empty');
  });

  it('accepts when any of several comma-separated signatures matches', () => {
    const wrong = hmac('sha256', 'not the secret', GH_BODY);
    const r = verify({ header: `md5=abcd, sha256=${wrong}, sha256=${GH_DIGEST}` });
    expect(r.verdict).toBe('valid');
    expect(r.detail.received.map((x) => x.algorithm)).toEqual(['unsupported', 'sha256', 'sha256']);
  });

  it('rejects when none of several signatures matches', () => {
    const r = verify({ header: `sha256=${hmac('sha256', 'a', GH_BODY)},sha1=${hmac('sha1', 'b', GH_BODY)}` });
    expect(r.verdict).toBe('invalid');
    expect(r.detail.tried.map((t) => t.algorithm)).toEqual(['sha256', 'sha1']);
  });
});

describe('verifySignature: secrets (key rotation)', () => {
  const keys = [key('old', 'old-secret'), key('new', 'new-secret')];

  it('tries every configured secret and records which label matched', () => {
    const byOld = verify({ keys, header: `sha256=${hmac('sha256', 'old-secret', GH_BODY)}` });
    expect(byOld.detail.matched?.secret).toBe('old');
    const byNew = verify({ keys, header: `sha256=${hmac('sha256', 'new-secret', GH_BODY)}` });
    expect(byNew.detail.matched?.secret).toBe('new');
    expect(byNew.detail.tried.map((t) => t.secret)).toEqual(['old', 'new']);
  });

  it('lists every secret tried when none matches', () => {
    const r = verify({ keys, header: `sha256=${GH_DIGEST}` });
    expect(r.verdict).toBe('invalid');
    expect(r.detail.tried.map((t) => t.secret)).toEqual(['old', 'new']);
    expect(r.detail.reason).toContain('(2)');
  });
});

describe('verifySignature: verdicts', () => {
  it('is missing, and rejected, without a Signature header', () => {
    for (const header of [undefined, '', '   ']) {
      const r = verify({ header });
      expect(r.verdict).toBe('missing');
      expect(r.rejection).toBe('invalid signature');
    }
  });

  it('is unverified, and accepted, without a header when allowUnsigned is true', () => {
    const r = verify({ header: undefined, allowUnsigned: true });
    expect(r.verdict).toBe('unverified');
    expect(r.rejection).toBeNull();
    expect(r.detail.reason).toContain('allowUnsigned');
  });

  it('still rejects a wrong signature when allowUnsigned is true', () => {
    const r = verify({ header: `sha256=${hmac('sha256', 'wrong', GH_BODY)}`, allowUnsigned: true });
    expect(r.verdict).toBe('invalid');
    expect(r.rejection).toBe('invalid signature');
  });

  it('rejects with "no secret configured" when there is no secret', () => {
    const missing = verify({ keys: [], header: undefined });
    expect(missing).toMatchObject({ verdict: 'missing', rejection: 'no secret configured' });
    const signed = verify({ keys: [], header: `sha256=${GH_DIGEST}` });
    expect(signed).toMatchObject({ verdict: 'invalid', rejection: 'no secret configured' });
    expect(signed.detail.reason).toBe('no secret is configured');
  });

  it('accepts as unverified when there is no secret and allowUnsigned is true', () => {
    const r = verify({ keys: [], header: `sha256=${GH_DIGEST}`, allowUnsigned: true });
    expect(r).toMatchObject({ verdict: 'unverified', rejection: null });
    expect(r.detail.verdict).toBe('unverified');
  });
});
