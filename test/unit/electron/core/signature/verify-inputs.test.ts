import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { verifyKey, verifySignature, type SignatureInputMode, type VerifyRequest } from '../../../../../electron/core/signature/verify.ts';

const SECRET = 'rotate-me-2026';
const OTHER = 'the-old-one';

// Odd but valid formatting: the raw bytes of `data` differ from its compact form.
const BODY = Buffer.from('{\n  "metadata" : {"event": "ssl_panel.issued", "delivery": "d-1"},\n'
  + '  "data" :  { "id" : "a}b",\t"list": [ 1, 2 ,{"x" : "\\"q\\""} ],  "name": "Zürich"  }  ,\n  "tail": null\n}\n');
const RAW_DATA = '{ "id" : "a}b",\t"list": [ 1, 2 ,{"x" : "\\"q\\""} ],  "name": "Zürich"  }';
const PARSED = JSON.parse(BODY.toString('utf8')) as { data: unknown };
const COMPACT_DATA = JSON.stringify(PARSED.data);

const hmac = (secret: string, bytes: string | Buffer, algorithm = 'sha256') =>
  createHmac(algorithm, secret).update(bytes).digest('hex');

function verify(header: string | undefined, mode: SignatureInputMode, over: Partial<VerifyRequest> = {}) {
  return verifySignature({
    header, body: BODY, parsed: PARSED, mode, allowUnsigned: false,
    keys: [verifyKey('old', OTHER), verifyKey('current', SECRET)],
    ...over,
  });
}

describe('verifySignature: signed inputs in auto mode', () => {
  it('accepts an HMAC over the raw body', () => {
    const r = verify(`sha256=${hmac(SECRET, BODY)}`, 'auto');
    expect(r.detail.matched).toEqual({ secret: 'current', input: 'body', algorithm: 'sha256' });
  });

  it('accepts an HMAC over the raw bytes of data as they appear in the body', () => {
    expect(BODY.includes(Buffer.from(RAW_DATA))).toBe(true);
    expect(RAW_DATA).not.toBe(COMPACT_DATA);
    const r = verify(`sha256=${hmac(SECRET, RAW_DATA)}`, 'auto');
    expect(r.detail.matched).toEqual({ secret: 'current', input: 'data-raw', algorithm: 'sha256' });
  });

  it('accepts an HMAC over data re-serialized compactly', () => {
    const r = verify(`sha512=${hmac(SECRET, COMPACT_DATA, 'sha512')}`, 'auto');
    expect(r.detail.matched).toEqual({ secret: 'current', input: 'data-compact', algorithm: 'sha512' });
  });

  it('tries every input with every secret before rejecting', () => {
    const r = verify(`sha256=${hmac('nobody', BODY)}`, 'auto');
    expect(r.verdict).toBe('invalid');
    const tried = r.detail.tried.map((t) => `${t.input}/${t.secret}`);
    expect(tried.sort()).toEqual([
      'body/current', 'body/old', 'data-compact/current', 'data-compact/old', 'data-raw/current', 'data-raw/old',
    ]);
    expect(r.detail.reason).toContain('body, data-raw, data-compact');
  });

  it('tries compactly sent data once, not twice', () => {
    const body = Buffer.from('{"metadata":{},"data":{"a":1}}');
    const r = verify(`sha256=${hmac('nobody', body)}`, 'auto', { body, parsed: JSON.parse(body.toString()) });
    expect(new Set(r.detail.tried.map((t) => t.input))).toEqual(new Set(['body', 'data-raw']));
    const signed = verify(`sha256=${hmac(SECRET, '{"a":1}')}`, 'auto', { body, parsed: JSON.parse(body.toString()) });
    expect(signed.verdict).toBe('valid');
  });

  it('tries only the body when the body has no data member, or is not JSON', () => {
    const noData = Buffer.from('{"metadata":{"event":"x"}}');
    const a = verify(`sha256=${hmac('nobody', noData)}`, 'auto', { body: noData, parsed: JSON.parse(noData.toString()) });
    expect(new Set(a.detail.tried.map((t) => t.input))).toEqual(new Set(['body']));
    const text = Buffer.from('not json');
    const b = verify(`sha256=${hmac(SECRET, text)}`, 'auto', { body: text, parsed: undefined });
    expect(b.detail.matched?.input).toBe('body');
  });

  it('does not accept a signature over a shadowed duplicate data value that the app would not use', () => {
    const body = Buffer.from('{"data":{"signed":true},"data":{"evil":true}}');
    const parsed = JSON.parse(body.toString());
    expect(verify(`sha256=${hmac(SECRET, '{"signed":true}')}`, 'auto', { body, parsed }).verdict).toBe('invalid');
    expect(verify(`sha256=${hmac(SECRET, '{"evil":true}')}`, 'auto', { body, parsed }).verdict).toBe('valid');
  });

  it('does not take a data member nested deeper for the data value', () => {
    const body = Buffer.from('{"metadata":{"data":{"a":1}},"data":{"b":2}}');
    const r = verify(`sha256=${hmac(SECRET, '{"a":1}')}`, 'data', { body, parsed: JSON.parse(body.toString()) });
    expect(r.verdict).toBe('invalid');
  });

  it('accepts a signature over "null" when data is null', () => {
    const body = Buffer.from('{"data": null}');
    const r = verify(`sha256=${hmac(SECRET, 'null')}`, 'auto', { body, parsed: JSON.parse(body.toString()) });
    expect(r.detail.matched?.input).toBe('data-raw');
  });
});

describe('verifySignature: signatureInput restricts the inputs', () => {
  it('body mode accepts only the raw body', () => {
    expect(verify(`sha256=${hmac(SECRET, BODY)}`, 'body').verdict).toBe('valid');
    expect(verify(`sha256=${hmac(SECRET, RAW_DATA)}`, 'body').verdict).toBe('invalid');
    const compact = verify(`sha256=${hmac(SECRET, COMPACT_DATA)}`, 'body');
    expect(compact.verdict).toBe('invalid');
    expect(new Set(compact.detail.tried.map((t) => t.input))).toEqual(new Set(['body']));
  });

  it('data mode accepts only the data value, raw or compact', () => {
    expect(verify(`sha256=${hmac(SECRET, BODY)}`, 'data').verdict).toBe('invalid');
    expect(verify(`sha256=${hmac(SECRET, RAW_DATA)}`, 'data').detail.matched?.input).toBe('data-raw');
    const compact = verify(`sha256=${hmac(SECRET, COMPACT_DATA)}`, 'data');
    expect(compact.detail.matched?.input).toBe('data-compact');
  });

  it('data mode rejects a body without data, having nothing to check', () => {
    const body = Buffer.from('{"metadata":{}}');
    const r = verify(`sha256=${hmac(SECRET, body)}`, 'data', { body, parsed: JSON.parse(body.toString()) });
    expect(r.verdict).toBe('invalid');
    expect(r.detail.tried).toEqual([]);
  });
});

describe('verifySignature: what the user is shown', () => {
  const allDigests = [SECRET, OTHER, 'nobody'].flatMap((s) => [BODY, RAW_DATA, COMPACT_DATA]
    .flatMap((b) => ['sha256', 'sha512', 'sha1'].map((a) => hmac(s, b, a))));

  function expectNoLongDigest(detail: unknown): void {
    const text = JSON.stringify(detail);
    for (const digest of allDigests) expect(text).not.toContain(digest.slice(0, 13));
    expect(text).not.toMatch(/[0-9a-f]{13,}/i);
  }

  it('shows computed digests cut to their first 12 hex characters, and which secret/input they belong to', () => {
    const r = verify(`sha256=${hmac('nobody', BODY)}`, 'auto');
    const bodyCurrent = r.detail.tried.find((t) => t.input === 'body' && t.secret === 'current');
    expect(bodyCurrent?.computed).toBe(hmac(SECRET, BODY).slice(0, 12));
    expect(r.detail.received).toEqual([{ algorithm: 'sha256', digest: hmac('nobody', BODY).slice(0, 12) }]);
    expectNoLongDigest(r.detail);
  });

  it('never shows a full digest, whatever the verdict', () => {
    const headers = [
      `sha256=${hmac(SECRET, RAW_DATA)}`,
      `sha512=${hmac('nobody', BODY, 'sha512')}`,
      `sha1=${hmac(SECRET, BODY, 'sha1')}, sha256=${hmac(OTHER, COMPACT_DATA).toUpperCase()}`,
      `sha256=${hmac(SECRET, BODY)}ff`,
      `md5=${hmac(SECRET, BODY)}`,
    ];
    for (const header of headers) {
      for (const mode of ['auto', 'body', 'data'] as const) {
        const r = verify(header, mode);
        expectNoLongDigest(r.detail);
        expect(r.rejection === null || !/[0-9a-f]{12}/i.test(r.rejection)).toBe(true);
      }
    }
  });

  it('keeps the secrets themselves out of the detail', () => {
    const text = JSON.stringify(verify(`sha256=${hmac('nobody', BODY)}`, 'auto').detail);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(OTHER);
  });
});

describe('verifySignature: a data value nested too deep to re-serialize', () => {
  const depth = 5000;
  const deep = Buffer.from(`{"metadata":{"delivery":"deep"},"data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`);
  const parsed = JSON.parse(deep.toString('utf8')) as unknown;

  it('rejects a wrong signature as invalid, having tried the body and the raw data, instead of throwing', () => {
    const r = verify(`sha256=${hmac('wrong', 'x')}`, 'auto', { body: deep, parsed });
    expect(r.verdict).toBe('invalid');
    expect(r.rejection).toBe('invalid signature');
    expect(new Set(r.detail.tried.map((t) => t.input))).toEqual(new Set(['body', 'data-raw']));
  });

  it('still accepts an HMAC over its raw data bytes', () => {
    const raw = deep.subarray(deep.indexOf('"data":') + 7, deep.length - 1);
    expect(verify(`sha256=${hmac(SECRET, raw)}`, 'auto', { body: deep, parsed }).verdict).toBe('valid');
  });
});
