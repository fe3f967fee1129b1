import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { newDelivery, openTempStore, rejectedDelivery, T0, type TempStore } from './store-fixtures.ts';

let t: TempStore;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.cleanup());

describe('DeliveryStore.find', () => {
  it('finds a record by its record id', async () => {
    const stored = await t.store.add(newDelivery({ deliveryId: 'by-id' }));
    expect(t.store.reads.find(String(stored.id))).toMatchObject({ id: stored.id, deliveryId: 'by-id' });
  });

  it('finds the latest attempt by delivery id, listing every attempt', async () => {
    await t.store.add(rejectedDelivery({ deliveryId: 'retry', receivedAt: T0 }));
    await t.store.add(newDelivery({ deliveryId: 'retry', receivedAt: T0 + 3_600_000 }));
    const found = t.store.reads.find('retry');
    expect(found).toMatchObject({ deliveryId: 'retry', attempt: 2, outcome: 'accepted' });
    expect(found?.attempts.map((a) => [a.attempt, a.outcome, a.status])).toEqual([[1, 'rejected', 401], [2, 'accepted', 200]]);
  });

  it('returns undefined for an unknown id', () => {
    expect(t.store.reads.find('nope')).toBeUndefined();
    expect(t.store.reads.find('12345')).toBeUndefined();
  });

  it('keeps the exact request: method, path, headers in order, remote address, time, response, verdict', async () => {
    const rawHeaders = ['Host', 'x', 'Signature', 'sha256=ab', 'X-Dup', '1', 'x-dup', '2'];
    const detail = { verdict: 'invalid' as const, reason: 'no match', received: [], matched: null, tried: [] };
    const stored = await t.store.add(rejectedDelivery({
      deliveryId: 'full', rawHeaders, remoteAddress: '203.0.113.9', signatureDetail: detail, error: 'invalid signature',
      entityId: '192356', certificateId: 'cert-1', orderId: 'order-1',
    }));
    const found = t.store.reads.find(String(stored.id))!;
    expect(found).toMatchObject({
      method: 'POST', path: '/webhook', remoteAddress: '203.0.113.9', receivedAt: new Date(T0).toISOString(),
      response: '{"error":"invalid signature"}', signature: 'invalid', signatureDetail: detail, error: 'invalid signature',
      entityId: '192356', certificateId: 'cert-1', orderId: 'order-1', commonName: 'example.com', hookRuns: [],
    });
    expect(found.rawHeaders).toEqual([['Host', 'x'], ['Signature', 'sha256=ab'], ['X-Dup', '1'], ['x-dup', '2']]);
    expect(found.headers).toEqual({ host: 'x', signature: 'sha256=ab', 'x-dup': ['1', '2'] });
  });

  it('shows the body as text and tells whether it was kept', async () => {
    const kept = await t.store.add(newDelivery({ deliveryId: 'k', body: Buffer.from('{"a":"Zürich"}') }));
    expect(t.store.reads.find(String(kept.id))).toMatchObject({ body: '{"a":"Zürich"}', bodyStored: true, bodySize: 15 });
    const dropped = await t.store.add(rejectedDelivery({ deliveryId: 'd', body: null, bodySize: 5_000_000, status: 413 }));
    expect(t.store.reads.find(String(dropped.id))).toMatchObject({ body: null, bodyStored: false, bodySize: 5_000_000 });
  });
});

describe('DeliveryStore.rawBody', () => {
  it('returns the body byte for byte, including bytes that are not UTF-8', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x0d, 0x0a, 0xed, 0xa0, 0x80, 0x7d]);
    const stored = await t.store.add(newDelivery({ body: bytes }));
    const raw = t.store.reads.rawBody(stored.id);
    expect(raw).toBeInstanceOf(Buffer);
    expect(raw?.equals(bytes)).toBe(true);
  });

  it('returns an empty body as empty, and a body not kept as null', async () => {
    const empty = await t.store.add(newDelivery({ deliveryId: 'e', body: Buffer.alloc(0) }));
    expect(t.store.reads.rawBody(empty.id)?.length).toBe(0);
    const none = await t.store.add(rejectedDelivery({ deliveryId: 'n', body: null }));
    expect(t.store.reads.rawBody(none.id)).toBeNull();
    expect(t.store.reads.rawBody(999_999)).toBeNull();
  });
});
