import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { openDatabaseSync } from '../../../../../electron/core/store/database.ts';
import { DeliveryStore } from '../../../../../electron/core/store/delivery-store.ts';
import { newDelivery, openTempStore, rejectedDelivery, T0, type TempStore } from './store-fixtures.ts';

let t: TempStore;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.cleanup());

describe('DeliveryStore.add: accepted, duplicate and attempts', () => {
  it('accepts the first valid delivery and answers with its id', async () => {
    const stored = await t.store.add(newDelivery({ deliveryId: 'abc' }));
    expect(stored).toMatchObject({ deliveryId: 'abc', attempt: 1, outcome: 'accepted', status: 200 });
    expect(JSON.parse(stored.response)).toEqual({ status: 'accepted', delivery: 'abc' });
  });

  it('marks a second valid delivery with an accepted id as duplicate', async () => {
    await t.store.add(newDelivery({ deliveryId: 'abc' }));
    const again = await t.store.add(newDelivery({ deliveryId: 'abc' }));
    expect(again).toMatchObject({ outcome: 'duplicate', attempt: 2 });
    expect(JSON.parse(again.response)).toEqual({ status: 'duplicate', delivery: 'abc' });
    expect(t.store.reads.count()).toBe(2);
  });

  it('does not count a rejected or aborted earlier attempt as accepted', async () => {
    await t.store.add(rejectedDelivery({ deliveryId: 'abc' }));
    await t.store.add(newDelivery({ deliveryId: 'abc', outcome: 'aborted', status: 503, dedupe: false, response: '{"error":"hook failed"}' }));
    const third = await t.store.add(newDelivery({ deliveryId: 'abc' }));
    expect(third).toMatchObject({ outcome: 'accepted', attempt: 3 });
  });

  it('keeps a rejected record rejected, with its own response, even after an accepted one', async () => {
    await t.store.add(newDelivery({ deliveryId: 'abc' }));
    const rejected = await t.store.add(rejectedDelivery({ deliveryId: 'abc' }));
    expect(rejected).toMatchObject({ outcome: 'rejected', attempt: 2, status: 401, response: '{"error":"invalid signature"}' });
  });

  it('numbers attempts 1, 2, 3 per delivery id, independently of other ids', async () => {
    const attempts: number[] = [];
    for (const id of ['a', 'b', 'a', 'a', 'b']) attempts.push((await t.store.add(newDelivery({ deliveryId: id }))).attempt);
    expect(attempts).toEqual([1, 1, 2, 3, 2]);
  });

  it('generates a fresh id when the delivery has none', async () => {
    const one = await t.store.add(newDelivery({ deliveryId: null }));
    const two = await t.store.add(newDelivery({ deliveryId: null }));
    expect(one.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(two.deliveryId).not.toBe(one.deliveryId);
    expect([one.outcome, two.outcome]).toEqual(['accepted', 'accepted']);
    expect(JSON.parse(one.response).delivery).toBe(one.deliveryId);
  });
});

describe('DeliveryStore.add: group commit', () => {
  it('commits concurrent adds of one tick in one transaction and resolves them all', async () => {
    const exec = vi.spyOn(t.db, 'exec');
    const results = await Promise.all([
      t.store.add(newDelivery({ deliveryId: 'x' })),
      t.store.add(newDelivery({ deliveryId: 'y' })),
      t.store.add(rejectedDelivery({ deliveryId: 'z' })),
    ]);
    expect(results.map((r) => r.deliveryId)).toEqual(['x', 'y', 'z']);
    expect(exec.mock.calls.filter(([sql]) => sql === 'BEGIN IMMEDIATE')).toHaveLength(1);
    expect(exec.mock.calls.filter(([sql]) => sql === 'COMMIT')).toHaveLength(1);
    expect(t.store.reads.count()).toBe(3);
  });

  it('de-duplicates a delivery id sent twice within one batch', async () => {
    const [first, second] = await Promise.all([
      t.store.add(newDelivery({ deliveryId: 'same' })),
      t.store.add(newDelivery({ deliveryId: 'same' })),
    ]);
    expect([first.outcome, second.outcome]).toEqual(['accepted', 'duplicate']);
    expect([first.attempt, second.attempt]).toEqual([1, 2]);
  });

  it('resolves only once the record is readable from another connection', async () => {
    const stored = await t.store.add(newDelivery({ deliveryId: 'durable' }));
    const other = openDatabaseSync(t.file);
    try {
      expect(new DeliveryStore(other).reads.find(String(stored.id))?.deliveryId).toBe('durable');
    } finally {
      other.close();
    }
  });

  it('writes pending records at once on flush', () => {
    const pending = t.store.add(newDelivery({ deliveryId: 'late' }));
    t.store.flush();
    expect(t.store.reads.count()).toBe(1);
    return expect(pending).resolves.toMatchObject({ deliveryId: 'late' });
  });
});

describe('DeliveryStore.list', () => {
  beforeEach(async () => {
    await t.store.add(newDelivery({ deliveryId: '1', event: 'ssl_panel.created' }));
    await t.store.add(rejectedDelivery({ deliveryId: '2', event: 'ssl_panel.issued' }));
    await t.store.add(newDelivery({ deliveryId: '3', event: 'ssl_panel.issued' }));
    await t.store.add(newDelivery({ deliveryId: '3', event: 'ssl_panel.issued' }));
    await t.store.add(newDelivery({ deliveryId: '4', event: null }));
  });

  it('lists newest first', () => {
    expect(t.store.reads.list().map((r) => r.deliveryId)).toEqual(['4', '3', '3', '2', '1']);
  });

  it('filters by event and by outcome', () => {
    expect(t.store.reads.list({ event: 'ssl_panel.issued' }).map((r) => r.outcome)).toEqual(['duplicate', 'accepted', 'rejected']);
    expect(t.store.reads.list({ outcome: 'accepted' }).map((r) => r.deliveryId)).toEqual(['4', '3', '1']);
    expect(t.store.reads.list({ event: 'ssl_panel.issued', outcome: 'rejected' }).map((r) => r.deliveryId)).toEqual(['2']);
    expect(t.store.reads.list({ event: 'ssl_panel.renew_failed' })).toEqual([]);
  });

  it('limits the number of rows, and pages backwards by id', () => {
    const firstPage = t.store.reads.list({ limit: 2 });
    expect(firstPage.map((r) => r.deliveryId)).toEqual(['4', '3']);
    const next = t.store.reads.list({ limit: 2, beforeId: firstPage[1].id });
    expect(next.map((r) => r.deliveryId)).toEqual(['3', '2']);
  });

  it('returns summary rows with an ISO receive time', () => {
    const [row] = t.store.reads.list({ limit: 1 });
    expect(row).toMatchObject({ deliveryId: '4', attempt: 1, receivedAt: new Date(T0).toISOString(), signature: 'valid', status: 200 });
  });
});

describe('CertificateReads.lastOfKindSince', () => {
  const row = (kind: string, createdAt: number) => ({ kind, title: kind, body: '', urgency: 'normal', certificateId: null,
    deliveryId: null, createdAt, shown: true, reason: null });

  it('finds the newest notification of a kind not older than the given time, walking back from the newest', async () => {
    await t.store.note([row('security', T0), row('issued', T0 + 1000), row('security', T0 + 2000), row('failed', T0 + 3000)]);
    expect(t.store.certificates.lastOfKindSince('security', T0 - 1)).toBe(T0 + 2000);
    expect(t.store.certificates.lastOfKindSince('issued', T0)).toBe(T0 + 1000);
    expect(t.store.certificates.lastOfKindSince('issued', T0 + 1001)).toBeNull();
    expect(t.store.certificates.lastOfKindSince('expiring', 0)).toBeNull();
  });
});
