import { afterEach, describe, expect, it } from 'vitest';
import { BloomFilter, KnownIds } from '../../../../../../electron/core/store/ids/known-ids.ts';
import { DeliveryStore } from '../../../../../../electron/core/store/delivery-store.ts';
import { newDelivery, openTempStore, type TempStore } from '../store-fixtures.ts';

let temp: TempStore | null = null;
afterEach(() => { temp?.cleanup(); temp = null; });

describe('BloomFilter', () => {
  it('never says no for an id it holds, and rarely says maybe for one it does not', () => {
    const filter = new BloomFilter(10_000);
    for (let i = 0; i < 10_000; i++) filter.add(`held-${i}`);
    for (let i = 0; i < 10_000; i++) expect(filter.mayContain(`held-${i}`)).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 10_000; i++) if (filter.mayContain(`other-${i}`)) falsePositives++;
    expect(falsePositives).toBeLessThan(300);
  });
});

/** A temp store holding `count` deliveries with ids stored-0, stored-1, …, and its (unloaded) ids. */
function storeWithIds(count: number): { ids: KnownIds; store: DeliveryStore; file: string } {
  temp = openTempStore();
  const ids = new KnownIds();
  const store = new DeliveryStore(temp.db, undefined, ids);
  for (let i = 0; i < count; i++) void store.add(newDelivery({ deliveryId: `stored-${i}` }));
  store.flush();
  return { ids, store, file: temp.file };
}

describe('KnownIds', () => {
  it('says maybe for everything until loaded, then no for ids never stored', async () => {
    const { ids, file } = storeWithIds(12_000);
    expect(ids.mayExist('never-stored')).toBe(true);
    await ids.load(file);
    expect(ids.ready).toBe(true);
    for (let i = 0; i < 12_000; i += 97) expect(ids.mayExist(`stored-${i}`)).toBe(true);
    expect(ids.mayExist('never-stored')).toBe(false);
  });

  it('reads the stored ids off the main thread, so requests arriving meanwhile are not held up', async () => {
    const { ids, file } = storeWithIds(20_000);
    // Another task that wants the event loop every turn, as incoming requests do; read here, in
    // one chunk of 5,000 ids per turn, the load would let it run only about four times.
    let turns = 0;
    let ticking = true;
    const tick = () => { turns++; if (ticking) setImmediate(tick); };
    setImmediate(tick);
    await ids.load(file);
    ticking = false;
    expect(turns).toBeGreaterThan(20);
    for (let i = 0; i < 20_000; i += 101) expect(ids.mayExist(`stored-${i}`)).toBe(true);
    expect(ids.mayExist('never-stored')).toBe(false);
  });

  it('stays at "maybe" for every id when the stored ids cannot be read', async () => {
    const ids = new KnownIds();
    await expect(ids.load('/nonexistent/certbell/certbell.db')).rejects.toThrow();
    expect(ids.ready).toBe(false);
    ids.add('submitted');
    expect(ids.mayExist('anything')).toBe(true);
  });

  it('keeps ids submitted while loading and after, past its first capacity', async () => {
    // More than one chunk of the reader's walk.
    const { ids, file } = storeWithIds(6_000);
    const loaded = ids.load(file);
    expect(ids.ready).toBe(false);
    // Submitted while loading, not committed yet (nothing in the table for the scan to find).
    ids.add('during-load');
    await loaded;
    for (let i = 0; i < 250_000; i++) ids.add(`later-${i}`);
    expect(ids.mayExist('during-load')).toBe(true);
    for (let i = 0; i < 250_000; i += 1013) expect(ids.mayExist(`later-${i}`)).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 10_000; i++) if (ids.mayExist(`unseen-${i}`)) falsePositives++;
    expect(falsePositives).toBeLessThan(400);
  });

  it('lets the store answer history without SQLite for a new id, and with it for a stored one', async () => {
    temp = openTempStore();
    const ids = new KnownIds();
    const store = new DeliveryStore(temp.db, undefined, ids);
    const first = store.add(newDelivery({ deliveryId: 'seen', receivedAt: 1234, outcome: 'accepted' }));
    store.flush();
    await first;
    await ids.load(temp.file);
    expect(store.history('seen')).toEqual({ accepted: true, firstReceivedAt: 1234 });
    expect(store.history('fresh')).toEqual({ accepted: false, firstReceivedAt: null });
    // Stored by this store after loading: known at once.
    const second = store.add(newDelivery({ deliveryId: 'after', receivedAt: 99, outcome: 'rejected', dedupe: false }));
    store.flush();
    await second;
    expect(store.history('after')).toEqual({ accepted: false, firstReceivedAt: 99 });
    // A record without an id gets one from the writer: known once stored.
    const anonymous = store.add(newDelivery({ deliveryId: null, receivedAt: 7, outcome: 'rejected', dedupe: false }));
    store.flush();
    const { deliveryId } = await anonymous;
    expect(store.history(deliveryId)).toEqual({ accepted: false, firstReceivedAt: 7 });
  });
});
