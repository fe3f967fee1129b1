import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionTable } from '../../../../../electron/core/listener/connection-table.ts';

class FakeSocket extends EventEmitter {
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

const socket = () => new FakeSocket() as unknown as Socket & FakeSocket;

describe('ConnectionTable', () => {
  it('closes a new connection at once when the table is full and nothing can make room', () => {
    let drops = 0;
    const table = new ConnectionTable({ max: () => 2, evictSlowest: () => false, onDrop: () => { drops++; } });
    const [a, b, c] = [socket(), socket(), socket()];
    table.admit(a);
    table.admit(b);
    table.admit(c);
    expect(c.destroyed).toBe(true);
    expect([a.destroyed, b.destroyed, drops, table.size]).toEqual([false, false, 1, 2]);
    a.destroy();
    const d = socket();
    table.admit(d);
    expect([d.destroyed, table.size]).toEqual([false, 2]);
  });

  it('admits a new connection in the place of a displaced one, which stops counting before it has closed', () => {
    const held = socket();
    const candidates = [held];
    let drops = 0;
    const table: ConnectionTable = new ConnectionTable({ max: () => 1, onDrop: () => { drops++; },
      evictSlowest: () => {
        const displaced = candidates.shift();
        if (displaced) table.leave(displaced);
        return displaced !== undefined;
      } });
    table.admit(held);
    const fresh = socket();
    table.admit(fresh);
    // The displaced connection is still finishing its 408; the new one is in, and the table is full again.
    expect([fresh.destroyed, held.destroyed, table.size, drops]).toEqual([false, false, 1, 0]);
    const another = socket();
    table.admit(another);
    expect([another.destroyed, drops]).toEqual([true, 1]);
    held.destroy();
    expect(table.size).toBe(1);
  });
});
