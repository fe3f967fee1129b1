/** SPEC §4: HMAC verification of a delivery against every configured secret and signature input. */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { findTopLevelValue } from './data-span.ts';
import { parseSignatureHeader, type ParsedSignature } from './signature-header.ts';

export type { SignatureVerdict } from '../../../shared/bridge/types.ts';
import type { SignatureExplanation, SignatureVerdict, SignedInput } from '../../../shared/bridge/types.ts';
export type SignatureInputMode = 'auto' | 'body' | 'data';
export type { SignedInput } from '../../../shared/bridge/types.ts';

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
}

/** What the user sees about a verification; digests are cut to their first 12 hex characters. */
export type SignatureDetail = SignatureExplanation;

export interface VerifyResult {
  verdict: SignatureVerdict;
  detail: SignatureDetail;
  /** The 401 error text when the delivery must be rejected; never contains a digest. */
  rejection: 'no secret configured' | 'invalid signature' | null;
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

function result(verdict: SignatureVerdict, reason: string, rejection: VerifyResult['rejection'],
  rest: Partial<SignatureDetail> = {}): VerifyResult {
  return { verdict, rejection, detail: { verdict, reason, received: [], matched: null, tried: [], ...rest } };
}

function describeReceived(parsed: ParsedSignature[]): SignatureDetail['received'] {
  return parsed.map((p) => ({ algorithm: p.ok ? p.algorithm : 'unsupported', digest: p.hex.slice(0, PREFIX).toLowerCase() }));
}

export function verifySignature(req: VerifyRequest): VerifyResult {
  const header = req.header?.trim();
  if (req.keys.length === 0) {
    return req.allowUnsigned
      ? result('unverified', 'no secret is configured; accepted because allowUnsigned is true', null)
      : result(header ? 'invalid' : 'missing', 'no secret is configured', 'no secret configured');
  }
  if (!header) {
    return req.allowUnsigned
      ? result('unverified', 'no Signature header; accepted because allowUnsigned is true', null)
      : result('missing', 'the request has no Signature header', 'invalid signature');
  }
  const parsed = parseSignatureHeader(header);
  const received = describeReceived(parsed);
  const usable = parsed.filter((p) => p.ok);
  if (usable.length === 0) {
    const why = parsed.map((p) => (p.ok ? '' : p.reason)).filter(Boolean).join('; ') || 'the Signature header is empty';
    return result('invalid', why, 'invalid signature', { received });
  }
  const tried: SignatureDetail['tried'] = [];
  const inputNames = new Set<SignedInput>();
  for (const signature of usable) {
    for (const { input, bytes } of signedInputs(req)) {
      inputNames.add(input);
      for (const { label, key } of req.keys) {
        const computed = createHmac(signature.algorithm, key).update(bytes).digest();
        tried.push({ secret: label, input, algorithm: signature.algorithm, computed: computed.toString('hex', 0, PREFIX / 2) });
        if (timingSafeEqual(computed, signature.digest)) {
          return result('valid', `matched secret "${label}" over the ${input}`, null,
            { received, tried, matched: { secret: label, input, algorithm: signature.algorithm } });
        }
      }
    }
  }
  const reason = `no configured secret (${req.keys.length}) matched over ${[...inputNames].join(', ') || 'no input'}`;
  return result('invalid', reason, 'invalid signature', { received, tried });
}
