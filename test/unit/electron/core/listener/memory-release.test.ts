import { describe, expect, it } from 'vitest';
import { fullCollection, GROWTH_BYTES, MemoryRelease, MIN_GAP_MS, QUIET_MS } from '../../../../../electron/core/listener/memory-release.ts';

const MB = 1024 * 1024;

function harness(freedBy: (rss: number) => number) {
  const state = { rss: 200 * MB, now: 0, collections: 0, modes: [] as boolean[] };
  const release = new MemoryRelease({
    rss: () => state.rss, now: () => state.now, favourSize: (on) => { state.modes.push(on); },
    collect: () => { state.collections++; state.rss = freedBy(state.rss); }, settleMs: Infinity,
  });
  return { state, release };
}

describe('MemoryRelease', () => {
  it('favours size while RSS has grown under traffic, and collects once connections have stopped coming', () => {
    const { state, release } = harness(() => 205 * MB);
    release.start();
    release.active();
    state.rss += GROWTH_BYTES - 1;
    release.check();
    expect([release.favouringSize, state.collections]).toEqual([false, 0]);
    state.rss += 1;
    state.now = 500;
    release.active();
    release.check();
    // Under traffic: the size-favouring mode, no collection (it would pause someone's request).
    expect([release.favouringSize, state.collections]).toEqual([true, 0]);
    state.now += QUIET_MS;
    release.check();
    expect([release.favouringSize, state.collections, state.rss]).toEqual([false, 1, 205 * MB]);
    expect(state.modes).toEqual([true, false]);
    // Grown again right after: no second collection before the gap.
    state.rss = 300 * MB;
    state.now += MIN_GAP_MS - 1;
    release.check();
    expect(state.collections).toBe(1);
    state.now += 1;
    release.check();
    expect(state.collections).toBe(2);
    release.stop();
  });

  it('runs one collection once start-up is over and no connection is coming, and rests at what is left', () => {
    const state = { rss: 95 * MB, now: 0, collections: 0 };
    const release = new MemoryRelease({ rss: () => state.rss, now: () => state.now, favourSize: () => undefined, settleMs: 3000,
      collect: () => { state.collections++; state.rss = 82 * MB; } });
    release.start();
    state.now = 1000;
    release.active();
    release.check();
    state.now = 3000;
    release.active();
    release.check();
    expect(state.collections).toBe(0);
    state.now = 4000;
    release.check();
    expect(state.collections).toBe(1);
    // Once only: later quiet samples with no growth collect nothing.
    state.now = 20_000;
    release.check();
    expect(state.collections).toBe(1);
    release.stop();
  });

  it('turns the size-favouring mode on between samples, never collecting there', () => {
    const { state, release } = harness(() => 205 * MB);
    release.start();
    state.rss += GROWTH_BYTES - 1;
    release.probeGrowth();
    expect(release.favouringSize).toBe(false);
    state.rss += 1;
    release.probeGrowth();
    expect([release.favouringSize, state.collections, state.modes]).toEqual([true, 0, [true]]);
    release.probeGrowth();
    expect(state.modes).toEqual([true]);
    release.stop();
    expect(release.favouringSize).toBe(false);
  });

  it('leaves the size-favouring mode without a collection when the memory went back on its own', () => {
    const { state, release } = harness((rss) => rss);
    release.start();
    state.rss += GROWTH_BYTES;
    release.active();
    release.check();
    expect(release.favouringSize).toBe(true);
    state.rss = 200 * MB + GROWTH_BYTES / 4;
    state.now += QUIET_MS;
    release.check();
    expect([release.favouringSize, state.collections]).toEqual([false, 0]);
  });

  it('rests at the new level and backs off when a collection finds little to free', () => {
    const { state, release } = harness((rss) => rss - MB);
    release.start();
    state.rss = 200 * MB + GROWTH_BYTES;
    state.now = 10_000;
    release.check();
    expect(state.collections).toBe(1);
    // The memory is in use: growth is now measured from here, and the next look waits twice as long.
    state.rss += GROWTH_BYTES;
    state.now += MIN_GAP_MS;
    release.check();
    expect(state.collections).toBe(1);
    state.now += MIN_GAP_MS;
    release.check();
    expect(state.collections).toBe(2);
    release.stop();
  });

  it('gets the collection that gives pages back in plain Node', () => {
    const collect = fullCollection();
    expect(typeof collect).toBe('function');
    const holder: { garbage: unknown[] | null } = { garbage: Array.from({ length: 300_000 }, (_, i) => ({ i, text: `x${i}` })) };
    const before = process.memoryUsage().heapTotal;
    holder.garbage = null;
    collect!();
    expect(process.memoryUsage().heapTotal).toBeLessThan(before);
  });
});
