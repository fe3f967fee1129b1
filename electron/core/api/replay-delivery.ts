/** `deliveries.replay`: a stored delivery through the whole pipeline again, as a new attempt (like `certbell replay`). */
import type { DeliveryProcessor } from '../pipeline/delivery-processor.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { DeliveryDetail } from '../store/delivery-types.ts';
import { ApiError } from './api-error.ts';

export async function replayDelivery(store: DeliveryStore, processor: DeliveryProcessor, id: string,
  now: () => number): Promise<DeliveryDetail> {
  const detail = store.find(id);
  if (!detail) throw new ApiError('not-found', `no delivery "${id}"`);
  const body = store.rawBody(detail.id);
  if (!body) throw new ApiError('invalid', `delivery ${detail.id} has no stored body (${detail.error ?? 'not kept'})`);
  let parsed: unknown;
  try { parsed = JSON.parse(body.toString('utf8')); } catch { parsed = undefined; }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError('invalid', `delivery ${detail.id} has no JSON object body, so hooks cannot run on it`);
  }
  const stored = await processor.process({
    deliveryId: detail.deliveryId, receivedAt: now(), method: detail.method, path: detail.path,
    remoteAddress: `replay of record ${detail.id}`, rawHeaders: detail.rawHeaders.flat(), body,
    bodySize: body.length, signature: detail.signature, signatureDetail: detail.signatureDetail,
    event: detail.event, entityId: detail.entityId, commonName: detail.commonName,
    certificateId: detail.certificateId, orderId: detail.orderId,
  }, { deliveryId: detail.deliveryId, event: detail.event, entityId: detail.entityId, body, parsed }, { replay: true });
  return store.find(String(stored.id))!;
}
