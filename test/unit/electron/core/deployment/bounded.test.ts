import { describe, expect, it } from 'vitest';
import { forEachBounded } from '../../../../../electron/core/deployment/bounded.ts';

describe('forEachBounded', () => {
  it('runs every item, never more than the limit at once', async () => {
    let open = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachBounded(Array.from({ length: 30 }, (_, i) => i), 4, async (i) => {
      open++;
      peak = Math.max(peak, open);
      await new Promise((r) => setTimeout(r, 2));
      open--;
      done.push(i);
    });
    expect(peak).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('starts one item at most every spacingMs', async () => {
    const starts: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5], 5, async () => { starts.push(performance.now()); }, 30);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(28);
  });
});
