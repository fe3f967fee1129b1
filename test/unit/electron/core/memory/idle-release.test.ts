import { afterEach, describe, expect, it, vi } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { memoryReducingGc, startIdleRelease } from '../../../../../electron/core/memory/idle-release.ts';

afterEach(() => { vi.useRealTimers(); });

const MB = 1024 * 1024;

describe('startIdleRelease', () => {
  it('collects once the loop has been quiet for quietMs and the heap has grown, never while busy', () => {
    vi.useFakeTimers();
    let busy = false;
    let committed = 30 * MB;
    const collected: number[] = [];
    const stop = startIdleRelease({
      utilization: () => (busy ? 0.6 : 0.001), committedBytes: () => committed,
      collect: () => { collected.push(Date.now()); committed = 15 * MB; },
      quietMs: 2000, intervalMs: 500, growthBytes: 4 * MB,
    });
    const start = Date.now();
    vi.advanceTimersByTime(1500);
    expect(collected).toEqual([]); // quiet, but not yet for 2 s
    vi.advanceTimersByTime(500);
    expect(collected).toEqual([start + 2000]); // startup's committed heap given back

    busy = true; // a burst: the heap grows, nothing is collected during it
    committed = 120 * MB;
    vi.advanceTimersByTime(10_000);
    expect(collected).toHaveLength(1);
    busy = false;
    const quietFrom = Date.now();
    vi.advanceTimersByTime(2000);
    expect(collected).toEqual([start + 2000, quietFrom + 2000]);
    stop();
  });

  it('does not collect again while the heap has grown less than growthBytes (a delivery now and then)', () => {
    vi.useFakeTimers();
    let committed = 20 * MB;
    let calls = 0;
    let tick = 0;
    const stop = startIdleRelease({
      // Busy one sample in four, as light traffic is.
      utilization: () => (++tick % 4 === 0 ? 0.2 : 0), committedBytes: () => committed,
      collect: () => { calls++; committed = 15 * MB; }, quietMs: 1000, intervalMs: 500, growthBytes: 4 * MB,
    });
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(1);
    committed += 2 * MB;
    vi.advanceTimersByTime(60_000);
    expect(calls).toBe(1);
    committed += 3 * MB; // now 5 MB above the last collection
    vi.advanceTimersByTime(2000);
    expect(calls).toBe(2);
    stop();
    committed += 50 * MB;
    vi.advanceTimersByTime(60_000);
    expect(calls).toBe(2); // stopped
  });
});

describe('memoryReducingGc', () => {
  it('gives back committed heap without --expose-gc, and leaves no global gc behind', () => {
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    const collect = memoryReducingGc();
    // Garbage as soon as it is counted; the heap grew for it and stays grown.
    const made = Array.from({ length: 400_000 }, (_, i) => ({ i, text: `garbage ${i}` })).length;
    const grown = getHeapStatistics().total_heap_size;
    collect();
    const after = getHeapStatistics().total_heap_size;
    expect(made).toBe(400_000);
    expect(after).toBeLessThan(grown - 20 * MB);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
