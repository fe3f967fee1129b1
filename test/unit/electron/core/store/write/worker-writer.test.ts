import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabaseSync } from '../../../../../../electron/core/store/database.ts';
import { DeliveryStore } from '../../../../../../electron/core/store/delivery-store.ts';
import { WorkerWriter } from '../../../../../../electron/core/store/write/worker-writer.ts';
import { newDelivery, tempDir, T0 } from '../store-fixtures.ts';

let dir: ReturnType<typeof tempDir>;
let file: string;
let store: DeliveryStore;
let db: ReturnType<typeof openDatabaseSync>;

beforeEach(async () => {
  dir = tempDir();
  file = `${dir.dir}/certbell.db`;
  db = openDatabaseSync(file);
  const writer = new WorkerWriter(file);
  await writer.ready();
  store = new DeliveryStore(db, writer);
});

afterEach(async () => {
  await store.close();
  db.close();
  dir.remove();
});

describe('WorkerWriter (writes on a worker thread)', () => {
  it('resolves only once the record is committed and readable from another connection', async () => {
    const stored = await store.add(newDelivery({ deliveryId: 'w-1', body: Buffer.from([0, 1, 2, 255]) }));
    expect(stored).toMatchObject({ deliveryId: 'w-1', attempt: 1, outcome: 'accepted' });
    const other = openDatabaseSync(file);
    try {
      const row = new DeliveryStore(other).reads.find('w-1')!;
      expect(new DeliveryStore(other).reads.rawBody(row.id)).toEqual(Buffer.from([0, 1, 2, 255]));
    } finally {
      other.close();
    }
  });

  it('decides duplicates in commit order for concurrent writes of one id', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.add(newDelivery({ deliveryId: 'same' }))));
    expect(results.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
    expect(results.map((r) => r.attempt)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('sends a delivery too large for the shared ring by message, in its place in the order', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 7);
    const results = await Promise.all([
      store.add(newDelivery({ deliveryId: 'order', body: Buffer.from('first') })),
      store.add(newDelivery({ deliveryId: 'order', body: huge })),
      store.add(newDelivery({ deliveryId: 'order', body: Buffer.from('third') })),
    ]);
    expect(results.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(store.reads.rawBody(results[1].id)).toEqual(huge);
    expect(store.reads.rawBody(results[2].id)).toEqual(Buffer.from('third'));
  });

  it('prunes through the worker and reports the rows deleted', async () => {
    for (let i = 0; i < 5; i++) await store.add(newDelivery({ deliveryId: `p-${i}`, receivedAt: T0 + i }));
    expect(await store.prune({ maxDeliveries: 2, maxDays: 365 }, T0)).toBe(3);
    expect(store.reads.count()).toBe(2);
  });

  it('copies committed records into the database file in the background (checkpointer thread)', async () => {
    const initial = statSync(file).size;
    const body = Buffer.alloc(2048, 'x');
    await Promise.all(Array.from({ length: 1500 }, (_, i) => store.add(newDelivery({ deliveryId: `c-${i}`, body }))));
    // 1,500 × 2 KiB is far below the writer's own auto-checkpoint threshold: only the checkpointer copies it.
    await expect.poll(() => statSync(file).size, { timeout: 5000, interval: 50 }).toBeGreaterThan(initial + 1500 * 2048);
  });

  it('starts a long WAL over under sustained writes, instead of letting it grow to the writer\'s own threshold', async () => {
    // A WAL of 1,024 frames (4 MiB) should start over; the writer's own backstop is at 64 MiB.
    const other = tempDir();
    const otherFile = `${other.dir}/certbell.db`;
    const reader = openDatabaseSync(otherFile);
    const writer = new WorkerWriter(otherFile, { walRestartFrames: 1024 });
    await writer.ready();
    const sustained = new DeliveryStore(reader, writer);
    try {
      // The checkpointer thread is up once it has copied a first delivery into the database file.
      const initial = statSync(otherFile).size;
      await sustained.add(newDelivery({ deliveryId: 'first', body: Buffer.alloc(64 * 1024) }));
      await expect.poll(() => statSync(otherFile).size, { timeout: 5000, interval: 20 }).toBeGreaterThan(initial);
      const body = Buffer.alloc(4096, 'w');
      const total = 10_000;
      let next = 0;
      let largestWal = 0;
      // 32 clients, each sending its next delivery as soon as the last one is stored: the writer never idles.
      const client = async () => {
        while (next < total) {
          const n = next++;
          await sustained.add(newDelivery({ deliveryId: `s-${n}`, body }));
          if (n % 50 === 0) largestWal = Math.max(largestWal, statSync(`${otherFile}-wal`).size);
        }
      };
      await Promise.all(Array.from({ length: 32 }, client));
      expect(sustained.reads.count()).toBe(total + 1);
      // 10,000 × 4 KiB is over 40 MiB of frames; a WAL that never started over holds them all (~64 MiB
      // measured). One that does stays within its threshold and what the writer adds while the
      // checkpointer catches up with it (10–13 MiB measured).
      expect(largestWal).toBeGreaterThan(0);
      expect(largestWal).toBeLessThan(28 * 1024 * 1024);
    } finally {
      await sustained.close();
      reader.close();
      other.remove();
    }
  });

  it('writes what is queued before close, then refuses further writes', async () => {
    const pending = store.add(newDelivery({ deliveryId: 'last' }));
    await store.close();
    expect((await pending).outcome).toBe('accepted');
    await expect(store.add(newDelivery({ deliveryId: 'late' }))).rejects.toThrow(/store writer stopped/);
  });
});
