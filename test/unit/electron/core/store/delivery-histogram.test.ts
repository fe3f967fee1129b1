import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDelivery, openTempStore, rejectedDelivery, T0, type TempStore } from './store-fixtures.ts';

const HOUR = 3_600_000;
let t: TempStore;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.cleanup());

describe('DeliveryReads.histogram and the time range of list', () => {
  it('counts each hour by outcome, empty hours zero, the edges half-open', async () => {
    await t.store.add(newDelivery({ deliveryId: 'a', receivedAt: T0 }));
    await t.store.add(newDelivery({ deliveryId: 'a', receivedAt: T0 + 10 }));
    await t.store.add(rejectedDelivery({ deliveryId: 'b', receivedAt: T0 + HOUR - 1 }));
    await t.store.add(newDelivery({ deliveryId: 'c', receivedAt: T0 + 2 * HOUR }));
    await t.store.add(newDelivery({ deliveryId: 'before', receivedAt: T0 - 1 }));
    await t.store.add(newDelivery({ deliveryId: 'after', receivedAt: T0 + 3 * HOUR }));
    t.store.flush();
    const buckets = t.store.reads.histogram(T0, HOUR, 3);
    expect(buckets).toEqual([
      { start: T0, accepted: 1, duplicate: 1, rejected: 1, aborted: 0 },
      { start: T0 + HOUR, accepted: 0, duplicate: 0, rejected: 0, aborted: 0 },
      { start: T0 + 2 * HOUR, accepted: 1, duplicate: 0, rejected: 0, aborted: 0 },
    ]);
    // The list's since/until select exactly the rows one bucket counts.
    const first = t.store.reads.list({ since: T0, until: T0 + HOUR, limit: 100 });
    expect(first.map((r) => r.outcome).sort()).toEqual(['accepted', 'duplicate', 'rejected']);
    expect(t.store.reads.list({ since: T0 + 3 * HOUR }).map((r) => r.deliveryId)).toEqual(['after']);
    expect(t.store.reads.list({ until: T0 }).map((r) => r.deliveryId)).toEqual(['before']);
  });

  it('counts 100,000 deliveries quickly', async () => {
    const start = T0 - 48 * HOUR;
    t.db.exec('BEGIN');
    const insert = t.db.prepare(`INSERT INTO deliveries (delivery_id, attempt, received_at, method, path, headers, body_size,
      signature, outcome, status, response) VALUES (?, 1, ?, 'POST', '/webhook', '[]', 0, 'valid', ?, 200, '')`);
    const outcomes = ['accepted', 'duplicate', 'rejected', 'aborted'];
    for (let i = 0; i < 100_000; i++) insert.run(`d-${i}`, start + Math.floor(i * (48 * HOUR) / 100_000), outcomes[i % 4]);
    t.db.exec('COMMIT');
    const began = performance.now();
    const buckets = t.store.reads.histogram(start, HOUR, 48);
    const took = performance.now() - began;
    expect(buckets.reduce((n, b) => n + b.accepted + b.duplicate + b.rejected + b.aborted, 0)).toBe(100_000);
    expect(took).toBeLessThan(500);
  });
});
