import { describe, expect, it } from 'vitest';
import { checkpointTick, MAX_CATCH_UP_ROUNDS, type Checkpointed } from '../../../../../../electron/core/store/write/checkpoints.ts';

/** A checkpoint that answers with these WAL lengths in turn, each fully copied (as a PASSIVE one that was not busy). */
function walGrowing(logs: number[], busyAt = -1) {
  const calls: number[] = [];
  const checkpoint = (): Checkpointed => {
    const log = logs[Math.min(calls.length, logs.length - 1)];
    const busy = calls.length === busyAt ? 1 : 0;
    calls.push(log);
    return { busy, log, checkpointed: busy ? 0 : log };
  };
  return { checkpoint, calls };
}

describe('checkpointTick (the checkpointer thread)', () => {
  it('checkpoints once and asks nothing of the writer while the WAL is shorter than the restart length', () => {
    const wal = walGrowing([4095]);
    expect(checkpointTick(wal.checkpoint, 4096)).toBe(false);
    expect(wal.calls).toHaveLength(1);
  });

  it('does not catch up when its checkpoint was busy', () => {
    const wal = walGrowing([9000], 0);
    expect(checkpointTick(wal.checkpoint, 4096)).toBe(false);
    expect(wal.calls).toHaveLength(1);
  });

  it('catches up round after round until one had only a few new frames, then asks the writer to finish', () => {
    // The writer adds 600, then 300, then 100 frames (at most CATCH_UP_GAP_FRAMES) while each round runs.
    const wal = walGrowing([5000, 5600, 5900, 6000, 9999]);
    expect(checkpointTick(wal.checkpoint, 4096)).toBe(true);
    expect(wal.calls).toEqual([5000, 5600, 5900, 6000]);
  });

  it('stops after its last round when the writer keeps adding faster, and still asks the writer', () => {
    const wal = walGrowing(Array.from({ length: 20 }, (_, i) => 5000 + 1000 * i));
    expect(checkpointTick(wal.checkpoint, 4096)).toBe(true);
    expect(wal.calls).toHaveLength(1 + MAX_CATCH_UP_ROUNDS);
  });

  it('stops catching up when a round finds another checkpoint running', () => {
    const wal = walGrowing([5000, 5600, 6200, 6800], 2);
    expect(checkpointTick(wal.checkpoint, 4096)).toBe(true);
    expect(wal.calls).toHaveLength(3);
  });
});
