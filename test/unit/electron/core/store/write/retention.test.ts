import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { pruneBatchSync, RetentionJob } from '../../../../../../electron/core/store/write/retention.ts';
import type { Logger } from '../../../../../../electron/core/logger.ts';
import { DAY_MS, newDelivery, openTempStore, T0, type TempStore } from '../store-fixtures.ts';

let t: TempStore;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.cleanup());

async function addMany(count: number, receivedAt = (i: number) => T0 + i): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, i) =>
    t.store.add(newDelivery({ deliveryId: `d-${i}`, receivedAt: receivedAt(i), body: null, bodySize: 0 }))));
}

const remaining = () => t.store.reads.list({ limit: 100_000 }).map((r) => r.deliveryId);

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

describe('pruneBatchSync', () => {
  it('keeps the newest maxDeliveries records', async () => {
    await addMany(10);
    expect(pruneBatchSync(t.db, { maxDeliveries: 3, maxDays: 365 }, T0)).toBe(7);
    expect(remaining()).toEqual(['d-9', 'd-8', 'd-7']);
  });

  it('leaves an id accepted when it prunes the accepted record but keeps a later duplicate of it', async () => {
    const first = await t.store.add(newDelivery({ deliveryId: 'x-1', receivedAt: T0 }));
    const again = await t.store.add(newDelivery({ deliveryId: 'x-1', receivedAt: T0 + 1 }));
    await t.store.add(newDelivery({ deliveryId: 'y-1', receivedAt: T0 + 2 }));
    expect([first.outcome, again.outcome]).toEqual(['accepted', 'duplicate']);
    expect(pruneBatchSync(t.db, { maxDeliveries: 2, maxDays: 365 }, T0)).toBe(1);
    expect(t.store.wasAccepted('x-1')).toBe(true);
    const retry = await t.store.add(newDelivery({ deliveryId: 'x-1', receivedAt: T0 + 3 }));
    expect(retry).toMatchObject({ outcome: 'duplicate', attempt: 3 });
  });

  it('removes records older than maxDays, by receive time', async () => {
    const ages = [400, 366, 364, 10, 0];
    await addMany(ages.length, (i) => T0 - ages[i] * DAY_MS);
    expect(pruneBatchSync(t.db, { maxDeliveries: 100, maxDays: 365 }, T0)).toBe(2);
    expect(remaining()).toEqual(['d-4', 'd-3', 'd-2']);
  });

  it('applies both limits together', async () => {
    await addMany(6, (i) => (i === 5 ? T0 - 500 * DAY_MS : T0));
    expect(pruneBatchSync(t.db, { maxDeliveries: 4, maxDays: 30 }, T0)).toBe(3);
    expect(remaining()).toEqual(['d-4', 'd-3', 'd-2']);
  });

  it('deletes nothing when within the limits', async () => {
    await addMany(5);
    expect(pruneBatchSync(t.db, { maxDeliveries: 5, maxDays: 1 }, T0 + DAY_MS - 1)).toBe(0);
    expect(remaining()).toHaveLength(5);
  });

  it('deletes at most one batch of 2000 per call', async () => {
    await addMany(2100);
    expect(pruneBatchSync(t.db, { maxDeliveries: 10, maxDays: 365 }, T0)).toBe(2000);
    expect(t.store.reads.count()).toBe(100);
  });
});

describe('RetentionJob', () => {
  it('prunes batch after batch until within limits, and logs how many went', async () => {
    await addMany(4600);
    const logger = recordingLogger();
    const job = new RetentionJob(t.store, () => ({ maxDeliveries: 100, maxDays: 365 }), () => T0, logger);
    expect(await job.runAll()).toBe(4500);
    expect(t.store.reads.count()).toBe(100);
    expect(remaining()[0]).toBe('d-4599');
    expect(logger.lines).toEqual(['info retention: removed 4500 old deliveries']);
  });

  it('uses the current limits and clock on every run', async () => {
    await addMany(3, () => T0);
    let now = T0;
    const job = new RetentionJob(t.store, () => ({ maxDeliveries: 10, maxDays: 7 }), () => now, recordingLogger());
    expect(await job.runAll()).toBe(0);
    now = T0 + 8 * DAY_MS;
    expect(await job.runAll()).toBe(3);
  });

  it('stays quiet when nothing is removed', async () => {
    const logger = recordingLogger();
    await new RetentionJob(t.store, () => ({ maxDeliveries: 10, maxDays: 7 }), () => T0, logger).runAll();
    expect(logger.lines).toEqual([]);
  });

  it('logs an error instead of throwing when the database fails', async () => {
    const logger = recordingLogger();
    const job = new RetentionJob(t.store, () => ({ maxDeliveries: 1, maxDays: 1 }), () => T0, logger);
    t.db.close();
    expect(await job.runAll()).toBe(0);
    expect(logger.lines).toEqual([expect.stringMatching(/^error retention: /)]);
  });

  it('runs on its own once started, and removes nothing after stop', async () => {
    await addMany(5);
    const job = new RetentionJob(t.store, () => ({ maxDeliveries: 2, maxDays: 365 }), () => T0, recordingLogger());
    job.start(1, 60_000);
    await expect.poll(() => t.store.reads.count(), { timeout: 5000 }).toBe(2);
    job.stop();
    expect(await job.runAll()).toBe(0);
    expect(t.store.reads.count()).toBe(2);
  });
});
