import { describe, it, expect } from 'vitest';
import { sampleBody, signatureHeader, signBytes, signDelivery } from '../../../../../electron/core/signature/sign.ts';
import { verifyKey, verifySignature, type SignatureInputMode } from '../../../../../electron/core/signature/verify.ts';
import { sampleDelivery } from '../../../../../shared/openprovider/index.ts';

const SECRET = "It's a Secret to Everybody";

function check(body: Buffer, signature: string | null, mode: SignatureInputMode) {
  return verifySignature({
    header: signature ?? undefined, body, parsed: JSON.parse(body.toString('utf8')), mode, allowUnsigned: false,
    keys: [verifyKey('k', SECRET)],
  });
}

describe('signatureHeader', () => {
  it('matches the public GitHub test vector', () => {
    expect(signatureHeader(Buffer.from('Hello, World!'), SECRET))
      .toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });

  it('signs with sha512 and sha1 when asked', () => {
    expect(signatureHeader(Buffer.from('x'), SECRET, 'sha512')).toMatch(/^sha512=[0-9a-f]{128}$/);
    expect(signatureHeader(Buffer.from('x'), SECRET, 'sha1')).toMatch(/^sha1=[0-9a-f]{40}$/);
  });
});

describe('signDelivery', () => {
  const delivery = sampleDelivery('ssl_panel.issued', { deliveryId: 'd-1', now: new Date('2026-01-01T00:00:00Z') });

  it('signs data like the provider and carries the signature in metadata too', () => {
    const { body, signature } = signDelivery(delivery, SECRET, 'data');
    const parsed = JSON.parse(body.toString()) as { metadata: { signature: string }; data: unknown };
    expect(parsed.metadata.signature).toBe(signature);
    expect(parsed.data).toEqual(delivery.data);
    expect(check(body, signature, 'data').detail.matched?.input).toBe('data-raw');
    expect(check(body, signature, 'body').verdict).toBe('invalid');
  });

  it('signs the whole body when asked, leaving metadata without a signature', () => {
    const { body, signature } = signDelivery(delivery, SECRET, 'body');
    expect(JSON.parse(body.toString())).toEqual(delivery);
    expect(check(body, signature, 'body').detail.matched?.input).toBe('body');
    expect(check(body, signature, 'data').verdict).toBe('invalid');
  });

  it('leaves the delivery unsigned without a secret', () => {
    const { body, signature } = signDelivery(delivery, null, 'data');
    expect(signature).toBeNull();
    expect(JSON.parse(body.toString())).toEqual(delivery);
  });
});

describe('signBytes', () => {
  const spaced = Buffer.from('{ "metadata": {"event": "x"},\n  "data" : { "a" : 1 } }');

  it('signs the raw data bytes of a file as they are', () => {
    const { signature, signed } = signBytes(spaced, SECRET, 'data');
    expect(signed).toBe('data');
    expect(signature).toBe(signatureHeader(Buffer.from('{ "a" : 1 }'), SECRET));
    expect(check(spaced, signature, 'data').detail.matched?.input).toBe('data-raw');
  });

  it('signs the whole body when asked', () => {
    const { signature, signed } = signBytes(spaced, SECRET, 'body');
    expect(signed).toBe('body');
    expect(check(spaced, signature, 'body').verdict).toBe('valid');
  });

  it('falls back to the whole body when there is no data value or the file is not JSON', () => {
    const noData = Buffer.from('{"metadata":{}}');
    expect(signBytes(noData, SECRET, 'data')).toEqual({ signature: signatureHeader(noData, SECRET), signed: 'body' });
    const notJson = Buffer.from('{"data": [1, 2');
    expect(signBytes(notJson, SECRET, 'data')).toEqual({ signature: signatureHeader(notJson, SECRET), signed: 'body' });
  });
});

describe('sampleBody', () => {
  it('builds a signed sample delivery for an event, id and common name', () => {
    const { body, signature } = sampleBody('ssl_panel.requested', 'abc-123', 'shop.example.org', SECRET, 'data');
    const parsed = JSON.parse(body.toString()) as { metadata: Record<string, string>; data: { certificate: { commonName: string } } };
    expect(parsed.metadata).toMatchObject({ delivery: 'abc-123', event: 'ssl_panel.requested' });
    expect(parsed.data.certificate.commonName).toBe('shop.example.org');
    expect(check(body, signature, 'auto').verdict).toBe('valid');
  });

  it('is unsigned without a secret', () => {
    expect(sampleBody('ssl_panel.issued', 'x', undefined, null, 'body').signature).toBeNull();
  });
});
