/** SPEC §4: HMAC verification of a delivery against every configured secret and signature input. */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { findTopLevelValue } from './data-span.ts';
import { parseSignatureHeader, type ParsedSignature, type SignatureAlgorithm } from './signature-header.ts';

export type { SignatureVerdict } from '../../../shared/bridge/types.ts';
import type { SignatureCode, SignatureExplanation, SignatureVerdict, SignedInput } from '../../../shared/bridge/types.ts';
export type SignatureInputMode = 'auto' | 'body' | 'data';
export type { SignatureCode, SignatureExplanation, SignedInput } from '../../../shared/bridge/types.ts';

export interface VerifyKey {
  label: string;
  /** A KeyObject, made once per secret: HMAC with a Buffer key re-validates it on every call. */
  key: KeyObject;
}

export function verifyKey(label: string, secret: string): VerifyKey {
  return { label, key: createSecretKey(Buffer.from(secret, 'utf8')) };
}

export interface VerifyRequest {
  header: string | undefined;
  body: Buffer;
  /** The parsed body, or undefined when it is not JSON. */
  parsed: unknown;
  keys: readonly VerifyKey[];
  mode: SignatureInputMode;
  allowUnsigned: boolean;
  /** Computes one HMAC; injected by tests that count them. */
  hmac?: Hmac;
}

export type Hmac = (algorithm: SignatureAlgorithm, key: KeyObject, bytes: Buffer) => Buffer;

const hmacDigest: Hmac = (algorithm, key, bytes) => createHmac(algorithm, key).update(bytes).digest();

/** SPEC §11: a header with more signatures than this is refused before any HMAC is computed. */
export const MAX_SIGNATURES = 8;


/** A detail the verifier writes: it always says which path it took. */
export type VerifiedDetail = SignatureExplanation & { code: SignatureCode };

export interface VerifyResult {
  verdict: SignatureVerdict;
  detail: VerifiedDetail;
  /** The 401 error text when the delivery must be rejected; never contains a digest. */
  rejection: 'no secret configured' | 'invalid signature' | null;
  /**
   * What the matched HMAC covers, as a key for spotting signed content sent again (SPEC §11):
   * the signed part (body or data), the algorithm and the digest. Null unless valid.
   */
  signedKey: string | null;
}

const PREFIX = 12;

/**
 * `data` re-serialized compactly, or null when it cannot be: JSON.parse takes nesting far deeper
 * than JSON.stringify can write back (thousands of levels exhaust its stack), and such a body must
 * get its 401 like any other, not a crash.
 */
function compactData(data: unknown): Buffer | null {
  try {
    return Buffer.from(JSON.stringify(data) ?? '', 'utf8');
  } catch {
    return null;
  }
}

/** The signed inputs in the order tried, each built only when the ones before it did not match. */
function* signedInputs(req: VerifyRequest): Generator<{ input: SignedInput; bytes: Buffer }> {
  if (req.mode !== 'data') yield { input: 'body', bytes: req.body };
  if (req.mode === 'body') return;
  const parsed = req.parsed as Record<string, unknown> | undefined;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('data' in parsed)) return;
  const span = findTopLevelValue(req.body, 'data');
  const raw = span ? req.body.subarray(span[0], span[1]) : null;
  if (raw) yield { input: 'data-raw', bytes: raw };
  const compact = compactData(parsed.data);
  if (compact && (!raw || !compact.equals(raw))) yield { input: 'data-compact', bytes: compact };
}

function result(verdict: SignatureVerdict, code: SignatureCode, reason: string, rejection: VerifyResult['rejection'],
  rest: Partial<SignatureExplanation> = {}): VerifyResult {
  return { verdict, rejection, signedKey: null, detail: { verdict, code, reason, received: [], matched: null, tried: [], ...rest } };
}

/** The detail of an edited-body replay of record `recordId`: never signed, so `unverified`, and nothing checked. */
export function editedSignatureDetail(recordId: number): VerifiedDetail {
  const reason = `the body was edited before this replay of record ${recordId}, so no signature applies`;
  return { verdict: 'unverified', code: 'edited', reason, received: [], matched: null, tried: [], editedFrom: recordId };
}

function describeReceived(parsed: ParsedSignature[]): SignatureExplanation['received'] {
  return parsed.map((p) => ({ algorithm: p.ok ? p.algorithm : 'unsupported', digest: p.hex.slice(0, PREFIX).toLowerCase() }));
}

export function verifySignature(req: VerifyRequest): VerifyResult {
  const header = req.header?.trim();
  if (req.keys.length === 0) {
    return req.allowUnsigned
      ? result('unverified', 'no-secret', 'no secret is configured; accepted because allowUnsigned is true', null)
      : result(header ? 'invalid' : 'missing', 'no-secret', 'no secret is configured', 'no secret configured');
  }
  if (!header) {
    return req.allowUnsigned
      ? result('unverified', 'no-header', 'no Signature header; accepted because allowUnsigned is true', null)
      : result('missing', 'no-header', 'the request has no Signature header', 'invalid signature');
  }
  const parsed = parseSignatureHeader(header);
  if (parsed.length > MAX_SIGNATURES) {
    const reason = `too many signatures: the header holds ${parsed.length}, at most ${MAX_SIGNATURES} are checked`;
    return result('invalid', 'too-many', reason, 'invalid signature',
      { received: describeReceived(parsed.slice(0, MAX_SIGNATURES)), signatureCount: parsed.length });
  }
  const received = describeReceived(parsed);
  const byAlgorithm = new Map<SignatureAlgorithm, Buffer[]>();
  for (const p of parsed) if (p.ok) byAlgorithm.set(p.algorithm, [...byAlgorithm.get(p.algorithm) ?? [], p.digest]);
  if (byAlgorithm.size === 0) {
    const why = parsed.map((p) => (p.ok ? '' : p.reason)).filter(Boolean).join('; ') || 'the Signature header is empty';
    return result('invalid', 'unreadable', why, 'invalid signature', { received });
  }
  const hmac = req.hmac ?? hmacDigest;
  const tried: SignatureExplanation['tried'] = [];
  const inputNames = new Set<SignedInput>();
  // Each (input, secret, algorithm) HMAC once, compared with every received digest of that algorithm.
  for (const { input, bytes } of signedInputs(req)) {
    inputNames.add(input);
    for (const { label, key } of req.keys) {
      for (const [algorithm, digests] of byAlgorithm) {
        const computed = hmac(algorithm, key, bytes);
        tried.push({ secret: label, input, algorithm, computed: computed.toString('hex', 0, PREFIX / 2) });
        if (!digests.some((digest) => timingSafeEqual(computed, digest))) continue;
        const matched = result('valid', 'matched', `matched secret "${label}" over the ${input}`, null,
          { received, tried, matched: { secret: label, input, algorithm } });
        return { ...matched, signedKey: `${input === 'body' ? 'body' : 'data'}:${algorithm}:${computed.toString('hex')}` };
      }
    }
  }
  const reason = `no configured secret (${req.keys.length}) matched over ${[...inputNames].join(', ') || 'no input'}`;
  return result('invalid', 'no-match', reason, 'invalid signature', { received, tried });
}
