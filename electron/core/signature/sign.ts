/** Signing as the provider does (used by `certbell send` and the benchmark). */
import { createHmac } from 'node:crypto';
import { sampleDelivery, type Delivery } from '../../../shared/openprovider/index.ts';
import { findTopLevelValue } from './data-span.ts';
import type { SignatureAlgorithm } from './signature-header.ts';

export type SignWhat = 'data' | 'body';

export function signatureHeader(bytes: Uint8Array, secret: string, algorithm: SignatureAlgorithm = 'sha256'): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(bytes).digest('hex')}`;
}

export interface SignedSample {
  body: Buffer;
  signature: string | null;
}

/**
 * A delivery body signed like the provider: the HMAC of the `data` value, which metadata.signature
 * then carries too; or (`body`) the HMAC of the whole body, which cannot contain its own signature.
 */
export function signDelivery(delivery: Delivery, secret: string | null, what: SignWhat): SignedSample {
  if (secret === null) return { body: Buffer.from(JSON.stringify(delivery)), signature: null };
  if (what === 'body') {
    const body = Buffer.from(JSON.stringify(delivery));
    return { body, signature: signatureHeader(body, secret) };
  }
  const signature = signatureHeader(Buffer.from(JSON.stringify(delivery.data ?? null)), secret);
  const body = Buffer.from(JSON.stringify({ ...delivery, metadata: { ...delivery.metadata, signature } }));
  return { body, signature };
}

/** Signs bytes given as they are (a file); `data` falls back to the whole body when there is no data value. */
export function signBytes(body: Buffer, secret: string, what: SignWhat): { signature: string; signed: 'data' | 'body' } {
  const span = what === 'data' ? findDataSpan(body) : null;
  if (!span) return { signature: signatureHeader(body, secret), signed: 'body' };
  return { signature: signatureHeader(body.subarray(span[0], span[1]), secret), signed: 'data' };
}

function findDataSpan(body: Buffer): [number, number] | null {
  try { JSON.parse(body.toString('utf8')); } catch { return null; }
  return findTopLevelValue(body, 'data');
}

/** The headers Openprovider sends with a delivery (Event, Entity-Id and Signature when known). */
export function providerHeaders(h: { agent: string; deliveryId: string; event?: string | null; entityId?: string | null;
  signature?: string | null }): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': h.agent, 'Content-Type': 'application/json', Version: '1.0.0', Delivery: h.deliveryId,
  };
  if (h.event) headers.Event = h.event;
  if (h.entityId) headers['Entity-Id'] = h.entityId;
  if (h.signature) headers.Signature = h.signature;
  return headers;
}

export function sampleBody(event: string, deliveryId: string, commonName: string | undefined,
  secret: string | null, what: SignWhat): SignedSample {
  return signDelivery(sampleDelivery(event, { deliveryId, commonName }), secret, what);
}
