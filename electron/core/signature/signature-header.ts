/** Parsing of the `Signature` header: `ALGO=HEX` (sha256, sha512, sha1) or bare `HEX` (= sha256). */

export type SignatureAlgorithm = 'sha256' | 'sha512' | 'sha1';

export const DIGEST_HEX_LENGTH: Readonly<Record<SignatureAlgorithm, number>> = { sha256: 64, sha512: 128, sha1: 40 };

export type ParsedSignature =
  | { ok: true; algorithm: SignatureAlgorithm; digest: Buffer; hex: string }
  | { ok: false; reason: string; hex: string };

const HEX = /^[0-9a-fA-F]+$/;

function parseOne(part: string): ParsedSignature {
  const eq = part.indexOf('=');
  const name = eq === -1 ? 'sha256' : part.slice(0, eq).trim().toLowerCase();
  const hex = (eq === -1 ? part : part.slice(eq + 1)).trim();
  if (!(name in DIGEST_HEX_LENGTH)) return { ok: false, reason: `unsupported algorithm "${name.slice(0, 20)}"`, hex };
  const algorithm = name as SignatureAlgorithm;
  if (!HEX.test(hex)) return { ok: false, reason: 'the digest is not hexadecimal', hex };
  if (hex.length !== DIGEST_HEX_LENGTH[algorithm]) {
    return { ok: false, reason: `a ${algorithm} digest has ${DIGEST_HEX_LENGTH[algorithm]} hex characters, got ${hex.length}`, hex };
  }
  return { ok: true, algorithm, digest: Buffer.from(hex, 'hex'), hex: hex.toLowerCase() };
}

/** A header may carry several signatures separated by commas (repeated headers are joined that way). */
export function parseSignatureHeader(header: string): ParsedSignature[] {
  return header.split(',').map((p) => p.trim()).filter(Boolean).map(parseOne);
}
