import { describe, it, expect } from 'vitest';
import { DIGEST_HEX_LENGTH, parseSignatureHeader } from '../../../../../electron/core/signature/signature-header.ts';

const HEX64 = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('parseSignatureHeader', () => {
  it('reads ALGO=HEX for sha256, sha512 and sha1', () => {
    const sha512 = 'ab'.repeat(64);
    const sha1 = 'cd'.repeat(20);
    const parsed = parseSignatureHeader(`sha256=${HEX64},sha512=${sha512},sha1=${sha1}`);
    expect(parsed.map((p) => (p.ok ? p.algorithm : p.reason))).toEqual(['sha256', 'sha512', 'sha1']);
    expect(parsed.map((p) => p.hex)).toEqual([HEX64, sha512, sha1]);
  });

  it('reads a bare hex digest as sha256', () => {
    const [parsed] = parseSignatureHeader(HEX64);
    expect(parsed).toMatchObject({ ok: true, algorithm: 'sha256', hex: HEX64 });
  });

  it('accepts upper-case hex and an upper-case algorithm name, and normalizes the hex', () => {
    const [parsed] = parseSignatureHeader(`SHA256=${HEX64.toUpperCase()}`);
    expect(parsed).toMatchObject({ ok: true, algorithm: 'sha256', hex: HEX64 });
    expect(parsed.ok && parsed.digest.equals(Buffer.from(HEX64, 'hex'))).toBe(true);
  });

  it('tolerates spaces around the parts', () => {
    const [parsed] = parseSignatureHeader(`  sha256 = ${HEX64}  `);
    expect(parsed).toMatchObject({ ok: true, algorithm: 'sha256', hex: HEX64 });
  });

  it('rejects an unsupported algorithm with a reason naming it', () => {
    const [parsed] = parseSignatureHeader('md5=' + 'a'.repeat(32));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toBe('unsupported algorithm "md5"');
  });

  it('cuts a long algorithm name in the reason', () => {
    const [parsed] = parseSignatureHeader(`${'x'.repeat(500)}=${HEX64}`);
    expect(!parsed.ok && parsed.reason.length).toBeLessThan(60);
  });

  it('rejects a digest of the wrong length for its algorithm', () => {
    const [short] = parseSignatureHeader(`sha256=${HEX64.slice(0, 63)}`);
    expect(!short.ok && short.reason).toBe('a sha256 digest has 64 hex characters, got 63');
    const [asSha1] = parseSignatureHeader(`sha1=${HEX64}`);
    expect(!asSha1.ok && asSha1.reason).toBe('a sha1 digest has 40 hex characters, got 64');
  });

  it('rejects a digest that is not hexadecimal', () => {
    const [parsed] = parseSignatureHeader(`sha256=${'g'.repeat(64)}`);
    expect(!parsed.ok && parsed.reason).toBe('the digest is not hexadecimal');
    const [empty] = parseSignatureHeader('sha256=');
    expect(empty.ok).toBe(false);
  });

  it('splits several comma-separated signatures and ignores empty parts', () => {
    const parsed = parseSignatureHeader(` , md5=00,${HEX64}, ,`);
    expect(parsed).toHaveLength(2);
    expect(parsed[0].ok).toBe(false);
    expect(parsed[1]).toMatchObject({ ok: true, algorithm: 'sha256' });
  });

  it('knows the digest length of every supported algorithm', () => {
    expect(DIGEST_HEX_LENGTH).toEqual({ sha256: 64, sha512: 128, sha1: 40 });
  });
});
