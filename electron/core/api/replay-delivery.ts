/**
 * `deliveries.replay`: a stored delivery through the whole pipeline again, as a new attempt (like
 * `certbell replay`); `deliveries.replayEdited`: the same with a body edited in the UI.
 */
import { summarizeBody } from '../../../shared/openprovider/payloads.ts';
import type { DeliveryFacts } from '../hooks/hook-context.ts';
import type { DeliveryProcessor } from '../pipeline/delivery-processor.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { DeliveryDetail } from '../store/delivery-types.ts';
import { ApiError } from './api-error.ts';

function parseObject(body: Buffer): Record<string, unknown> | null {
  let parsed: unknown;
  try { parsed = JSON.parse(body.toString('utf8')); } catch { return null; }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : null;
}

/** A stored delivery whose body is a JSON object, ready to go through hooks again. */
export function storedDeliveryFacts(store: DeliveryStore, id: string): { detail: DeliveryDetail; facts: DeliveryFacts } {
  const detail = store.reads.find(id);
  if (!detail) throw new ApiError('not-found', `no delivery "${id}"`);
  const body = store.reads.rawBody(detail.id);
  if (!body) throw new ApiError('invalid', `delivery ${detail.id} has no stored body (${detail.error ?? 'not kept'})`);
  const parsed = parseObject(body);
  if (!parsed) throw new ApiError('invalid', `delivery ${detail.id} has no JSON object body, so hooks cannot run on it`);
  return { detail, facts: { deliveryId: detail.deliveryId, event: detail.event, entityId: detail.entityId, body, parsed } };
}

export async function replayDelivery(store: DeliveryStore, processor: DeliveryProcessor, id: string,
  now: () => number): Promise<DeliveryDetail> {
  const { detail, facts } = storedDeliveryFacts(store, id);
  const stored = await processor.process({
    deliveryId: detail.deliveryId, receivedAt: now(), method: detail.method, path: detail.path,
    remoteAddress: `replay of record ${detail.id}`, rawHeaders: detail.rawHeaders.flat(), body: facts.body,
    bodySize: facts.body.length, signature: detail.signature, signatureDetail: detail.signatureDetail,
    event: detail.event, entityId: detail.entityId, commonName: detail.commonName,
    certificateId: detail.certificateId, orderId: detail.orderId,
  }, facts, { replay: true });
  return store.reads.find(String(stored.id))!;
}

/** The original headers, with Content-Length telling the edited body's size. */
function editedHeaders(rawHeaders: [string, string][], size: number): string[] {
  return rawHeaders.flatMap(([name, value]) => [name, name.toLowerCase() === 'content-length' ? String(size) : value]);
}

/**
 * The edited body as a new attempt of the same delivery id. Its event, entity and certificate come
 * from the edited body (falling back to the original's); it was never signed, so it is `unverified`.
 */
export async function replayEditedDelivery(store: DeliveryStore, processor: DeliveryProcessor, id: string, text: string,
  now: () => number): Promise<DeliveryDetail> {
  const detail = store.reads.find(id);
  if (!detail) throw new ApiError('not-found', `no delivery "${id}"`);
  const body = Buffer.from(text, 'utf8');
  const parsed = parseObject(body);
  if (!parsed) throw new ApiError('invalid', 'the edited body must be a JSON object (it does not parse, or is not an object)');
  const summary = summarizeBody(parsed);
  const event = summary.event ?? detail.event;
  const entityId = summary.entityId ?? detail.entityId;
  const stored = await processor.process({
    deliveryId: detail.deliveryId, receivedAt: now(), method: detail.method, path: detail.path,
    remoteAddress: `edited replay of record ${detail.id}`, rawHeaders: editedHeaders(detail.rawHeaders, body.length), body,
    bodySize: body.length, signature: 'unverified',
    signatureDetail: { verdict: 'unverified', reason: `the body was edited before this replay of record ${detail.id}, so no signature applies`,
      received: [], matched: null, tried: [] },
    event, entityId, commonName: summary.commonName, certificateId: summary.certificateId, orderId: summary.orderId,
  }, { deliveryId: detail.deliveryId, event, entityId, body, parsed }, { replay: true });
  return store.reads.find(String(stored.id))!;
}
