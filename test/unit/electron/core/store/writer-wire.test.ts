import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../../../../electron/core/store/writer-wire.ts';
import type { WriterRequest } from '../../../../../electron/core/store/worker-writer.ts';
import { newDelivery } from './store-fixtures.ts';

describe('writer wire format', () => {
  it('round-trips a batch: records equal, bodies byte-exact, a missing body stays null', () => {
    // A body that is a view into a larger buffer, as the HTTP parser hands them out.
    const pool = Buffer.from([9, 9, 0, 1, 2, 255, 0xc3, 0x28, 9]);
    const requests: WriterRequest[] = [
      { op: 'add', id: 1, record: newDelivery({ deliveryId: 'one', body: pool.subarray(2, 8) }) },
      { op: 'add', id: 2, record: newDelivery({ deliveryId: 'two', body: null, bodySize: 99 }) },
      { op: 'prune', id: 3, limits: { maxDeliveries: 5, maxDays: 1 }, now: 1234 },
      { op: 'add', id: 4, record: newDelivery({ deliveryId: 'three', body: Buffer.from('{"x":"é"}') }) },
    ];
    const { batch, transfer } = encodeBatch(requests);
    expect(transfer).toEqual([batch.bytes]);
    expect(batch.bytes.byteLength).toBe(6 + Buffer.byteLength('{"x":"é"}'));
    const decoded = decodeBatch(structuredClone(batch));
    expect(decoded).toEqual(requests.map((r) => (r.op === 'add'
      ? { ...r, record: { ...r.record, body: r.record.body ? Buffer.from(r.record.body) : null } } : r)));
    expect((decoded[0] as Extract<WriterRequest, { op: 'add' }>).record.body).toEqual(Buffer.from([0, 1, 2, 255, 0xc3, 0x28]));
  });
});
