import { describe, expect, it } from 'vitest';
import { RingConsumer, RingProducer } from '../../../../../../electron/core/store/write/writer-ring.ts';
import { newSignals, RING_READ, RING_WRITTEN } from '../../../../../../electron/core/store/write/writer-signals.ts';
import type { WireRequest } from '../../../../../../electron/core/store/write/writer-wire.ts';
import type { WriterRequest } from '../../../../../../electron/core/store/write/writer-protocol.ts';
import { newDelivery } from '../store-fixtures.ts';

function ring(bytes: number) {
  const sab = new SharedArrayBuffer(bytes);
  const signals = newSignals();
  return { signals, producer: new RingProducer(sab, signals), consumer: new RingConsumer(sab, signals) };
}

const add = (id: number, bodyBytes: number): WriterRequest =>
  ({ op: 'add', id, record: newDelivery({ deliveryId: `d-${id}`, body: Buffer.alloc(bodyBytes, id % 251) }) });

function ids(requests: WireRequest[]): number[] {
  return requests.map((r) => r.id);
}

describe('writer ring (main thread to store writer)', () => {
  it('hands over records in the order written, and writes over none until the writer releases them', () => {
    const { producer, consumer, signals } = ring(4096);
    expect(producer.tryWrite(add(1, 500))).toBe(true);
    const first: WireRequest[] = [];
    consumer.take(first);
    // Not published yet: the writer does not see it.
    expect(first).toEqual([]);
    producer.publish();
    consumer.take(first);
    expect(ids(first)).toEqual([1]);
    const body = (first[0] as Extract<WireRequest, { op: 'add' }>).record.body!;
    let next = 2;
    while (producer.tryWrite(add(next, 500))) next++;
    producer.publish();
    expect(next).toBeGreaterThan(3);
    // Taken but not released: its body is still bound from the ring, so its bytes stay as they were.
    expect(body).toEqual(Buffer.alloc(500, 1));
    expect(Atomics.load(signals, RING_READ)).toBe(0);
    const rest: WireRequest[] = [];
    consumer.take(rest);
    expect(ids(rest)).toEqual(Array.from({ length: next - 2 }, (_, i) => i + 2));
    consumer.release();
    expect(Atomics.load(signals, RING_READ)).toBe(Atomics.load(signals, RING_WRITTEN));
    expect(producer.tryWrite(add(next, 500))).toBe(true);
  });

  it('wraps a record that does not fit before the end to the start, bodies intact, for many rounds', () => {
    const { producer, consumer } = ring(4096);
    let next = 1;
    for (let round = 0; round < 200; round++) {
      const sizes = [700, 1300, 90, 1900].slice(0, 1 + (round % 4));
      const written: number[] = [];
      for (const size of sizes) {
        const request = add(next, size);
        if (!producer.tryWrite(request)) break;
        written.push(next++);
      }
      producer.publish();
      const taken: WireRequest[] = [];
      consumer.take(taken);
      expect(ids(taken)).toEqual(written);
      for (const request of taken) {
        const { record } = request as Extract<WireRequest, { op: 'add' }>;
        expect(record.deliveryId).toBe(`d-${request.id}`);
        expect(record.body).toEqual(Buffer.alloc(record.body!.length, request.id % 251));
      }
      consumer.release();
    }
    expect(next).toBeGreaterThan(300);
  });

  it('refuses a record larger than the whole ring (it goes by message instead)', () => {
    const { producer, consumer } = ring(4096);
    expect(producer.tryWrite(add(1, 5000))).toBe(false);
    const taken: WireRequest[] = [];
    consumer.take(taken);
    expect(taken).toEqual([]);
  });
});
