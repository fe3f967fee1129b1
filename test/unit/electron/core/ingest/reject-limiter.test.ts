import { describe, it, expect } from 'vitest';
import { RejectLimiter } from '../../../../../electron/core/ingest/reject-limiter.ts';

const T = 1_750_000_000_000;

function limiter(max = 3, windowSeconds = 60) {
  return new RejectLimiter(() => ({ max, windowSeconds }));
}

function noteTimes(l: RejectLimiter, address: string, count: number, now = T) {
  return Array.from({ length: count }, () => l.note(address, now));
}

describe('RejectLimiter', () => {
  it('allows up to max rejections, then throttles once as "first", then plainly', () => {
    expect(noteTimes(limiter(3), '198.51.100.7', 6)).toEqual(['allow', 'allow', 'allow', 'throttle-first', 'throttle', 'throttle']);
  });

  it('throttles from the second rejection with max 1', () => {
    expect(noteTimes(limiter(1), 'a', 3)).toEqual(['allow', 'throttle-first', 'throttle']);
  });

  it('starts a new window once the window has passed', () => {
    const l = limiter(2, 10);
    expect(noteTimes(l, 'a', 3, T)).toEqual(['allow', 'allow', 'throttle-first']);
    expect(l.note('a', T + 9_999)).toBe('throttle');
    expect(noteTimes(l, 'a', 3, T + 10_000)).toEqual(['allow', 'allow', 'throttle-first']);
  });

  it('counts every address on its own', () => {
    const l = limiter(1);
    expect(noteTimes(l, '203.0.113.1', 2)).toEqual(['allow', 'throttle-first']);
    expect(l.note('203.0.113.2', T)).toBe('allow');
    expect(l.note('::1', T)).toBe('allow');
    expect(l.note('203.0.113.1', T)).toBe('throttle');
  });

  it('reads the limits on every call, so a config change applies at once', () => {
    let max = 5;
    const l = new RejectLimiter(() => ({ max, windowSeconds: 60 }));
    expect(l.note('a', T)).toBe('allow');
    max = 1;
    expect(l.note('a', T)).toBe('throttle-first');
  });

  it('keeps throttling correctly with many addresses tracked', () => {
    const l = limiter(1, 1);
    for (let i = 0; i < 10_050; i++) l.note(`10.0.${i >> 8}.${i & 255}`, T);
    expect(l.note('10.0.0.0', T + 500)).toBe('throttle-first');
    expect(l.note('fresh', T + 2_000)).toBe('allow');
    expect(l.note('10.0.0.0', T + 2_000)).toBe('allow');
  });
});

describe('RejectLimiter.retryAfterSeconds', () => {
  it('says how many whole seconds remain in the window, rounded up', () => {
    const l = limiter(1, 60);
    l.note('a', T);
    expect(l.retryAfterSeconds('a', T)).toBe(60);
    expect(l.retryAfterSeconds('a', T + 1)).toBe(60);
    expect(l.retryAfterSeconds('a', T + 59_001)).toBe(1);
    expect(l.retryAfterSeconds('a', T + 30_000)).toBe(30);
  });

  it('never says less than 1 second for a known address', () => {
    const l = limiter(1, 60);
    l.note('a', T);
    expect(l.retryAfterSeconds('a', T + 60_000)).toBe(1);
  });

  it('is 0 for an address never rejected', () => {
    expect(limiter().retryAfterSeconds('unknown', T)).toBe(0);
  });
});
