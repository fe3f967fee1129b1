/**
 * How write requests travel to the store's worker thread. Structured cloning of a delivery record
 * cost ~37 µs (and a Buffer from the HTTP parser drags its whole, larger backing store along);
 * as one JSON text per batch plus the bodies copied into one transferred buffer it is ~10 µs.
 * Every request field is JSON-safe except the body, which travels as an offset into `bytes`.
 */
import type { NewDelivery } from './delivery-types.ts';
import type { WriterRequest } from './worker-writer.ts';

export interface WireBatch {
  json: string;
  bytes: ArrayBuffer;
}

type WireBody = { at: number; length: number } | null;

export function encodeBatch(requests: readonly WriterRequest[]): { batch: WireBatch; transfer: ArrayBuffer[] } {
  let total = 0;
  for (const r of requests) if (r.op === 'add' && r.record.body) total += r.record.body.length;
  const bytes = new ArrayBuffer(total);
  const view = new Uint8Array(bytes);
  let at = 0;
  const plain = requests.map((r) => {
    if (r.op !== 'add') return r;
    const { body } = r.record;
    if (!body) return { ...r, record: { ...r.record, body: null } };
    view.set(body, at);
    const wire: WireBody = { at, length: body.length };
    at += body.length;
    return { ...r, record: { ...r.record, body: wire } };
  });
  return { batch: { json: JSON.stringify(plain), bytes }, transfer: [bytes] };
}

export function decodeBatch(batch: WireBatch): WriterRequest[] {
  const requests = JSON.parse(batch.json) as WriterRequest[];
  for (const r of requests) {
    if (r.op !== 'add') continue;
    const wire = r.record.body as unknown as WireBody;
    (r.record as NewDelivery).body = wire ? Buffer.from(batch.bytes, wire.at, wire.length) : null;
  }
  return requests;
}
