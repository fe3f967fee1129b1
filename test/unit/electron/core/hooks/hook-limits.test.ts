import { describe, expect, it } from 'vitest';
import { ENV_VALUE_MAX_BYTES, envValue } from '../../../../../electron/core/hooks/hook-context.ts';
import { HookSlots } from '../../../../../electron/core/hooks/hook-slots.ts';

describe('envValue', () => {
  it('removes NUL bytes and keeps everything else', () => {
    expect(envValue('a\u0000b\u0000')).toBe('ab');
    expect(envValue('café ✓')).toBe('café ✓');
  });

  it('cuts at 32 KiB of UTF-8, never inside a character', () => {
    expect(Buffer.byteLength(envValue('x'.repeat(200_000)))).toBe(ENV_VALUE_MAX_BYTES);
    const cut = envValue('é'.repeat(20_000));
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(ENV_VALUE_MAX_BYTES);
    expect(cut).toBe('é'.repeat(ENV_VALUE_MAX_BYTES / 2));
    expect(envValue(`${'x'.repeat(ENV_VALUE_MAX_BYTES - 1)}✓`)).toBe('x'.repeat(ENV_VALUE_MAX_BYTES - 1));
  });
});

describe('HookSlots', () => {
  it('runs at most max at once, in arrival order, and follows a changed limit', async () => {
    let max = 2;
    const slots = new HookSlots(() => max);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const runs = Array.from({ length: 5 }, (_, i) => slots.run(() => new Promise<number>((resolve) => {
      started.push(i);
      finish[i] = () => resolve(i);
    })));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.counts).toEqual({ running: 2, waiting: 3 });
    max = 3;
    finish[0]();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const i of [1, 2, 3]) finish[i]();
    await Promise.all(runs.slice(1, 4));
    await Promise.resolve();
    finish[4]();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(slots.counts).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a run throws', async () => {
    const slots = new HookSlots(() => 1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(() => Promise.resolve('next'))).toBe('next');
  });
});
