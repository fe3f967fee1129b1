import { afterEach, describe, expect, it, vi } from 'vitest';
import { BURST_BYTES, BurstRelease, fullCollection } from '../../../../../electron/core/listener/burst-release.ts';

afterEach(() => { vi.useRealTimers(); });

describe('BurstRelease', () => {
  it('asks for one collection a second after a burst has drained, not for small traffic', () => {
    vi.useFakeTimers();
    let collections = 0;
    const release = new BurstRelease(() => { collections++; });
    release.held(BURST_BYTES / 4);
    release.held(0);
    vi.advanceTimersByTime(5000);
    expect(collections).toBe(0);
    release.held(BURST_BYTES * 2);
    release.held(BURST_BYTES);
    vi.advanceTimersByTime(5000);
    expect(collections).toBe(0);
    release.held(0);
    release.held(1000);
    vi.advanceTimersByTime(999);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(1);
    release.held(0);
    vi.advanceTimersByTime(5000);
    expect(collections).toBe(1);
  });

  it('gets V8 full collection in plain Node', () => {
    expect(typeof fullCollection()).toBe('function');
  });
});
