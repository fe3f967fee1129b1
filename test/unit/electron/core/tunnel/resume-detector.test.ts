import { afterEach, describe, expect, it, vi } from 'vitest';
import { startResumeDetector } from '../../../../../electron/core/tunnel/resume-detector.ts';

afterEach(() => { vi.useRealTimers(); });

describe('startResumeDetector', () => {
  it('reports a sleep when the wall clock ran ahead of the monotonic clock, not a busy event loop', () => {
    vi.useFakeTimers();
    let wall = 1_000_000;
    let mono = 0;
    const resumed: number[] = [];
    const stop = startResumeDetector({ onResume: (ms) => resumed.push(ms), intervalMs: 10_000, thresholdMs: 30_000,
      now: () => wall, monotonic: () => mono });
    wall += 10_000; mono += 10_000;
    vi.advanceTimersByTime(10_000);
    wall += 70_000; mono += 70_000; // a blocked loop: both clocks moved
    vi.advanceTimersByTime(10_000);
    expect(resumed).toEqual([]);
    wall += 3_600_000; mono += 10_000; // an hour asleep
    vi.advanceTimersByTime(10_000);
    expect(resumed).toEqual([3_590_000]);
    stop();
  });
});
