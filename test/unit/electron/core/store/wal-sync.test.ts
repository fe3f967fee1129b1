import { describe, expect, it } from 'vitest';
import { WalSync, type WalSyncIo } from '../../../../../electron/core/store/wal-sync.ts';
import { tempDir } from './store-fixtures.ts';
import { openDatabaseSync } from '../../../../../electron/core/store/database.ts';

/** An fdatasync that completes only when the test says so, recording what it was asked. */
function manualIo() {
  const calls: ((error: NodeJS.ErrnoException | null) => void)[] = [];
  const opened: string[] = [];
  const io: WalSyncIo = {
    open: (file) => { opened.push(file); return 42; },
    fdatasync: (fd, done) => { expect(fd).toBe(42); calls.push(done); },
    close: () => undefined,
  };
  return { io, calls, opened };
}

describe('WalSync (durability of group commits)', () => {
  it('releases a commit only after an fdatasync that started after it has completed', () => {
    const { io, calls, opened } = manualIo();
    const sync = new WalSync('/data/certbell.db', io);
    const released: string[] = [];
    sync.afterCommit(() => released.push('a'));
    expect(opened).toEqual(['/data/certbell.db-wal']);
    expect(calls).toHaveLength(1);
    // Written while the first fdatasync runs: that one may not cover it.
    sync.afterCommit(() => released.push('b'));
    sync.afterCommit(() => released.push('c'));
    expect(calls).toHaveLength(1);
    calls[0](null);
    expect(released).toEqual(['a']);
    expect(calls).toHaveLength(2);
    calls[1](null);
    expect(released).toEqual(['a', 'b', 'c']);
  });

  it('hands a failed fdatasync to every commit it covered', () => {
    const { io, calls } = manualIo();
    const sync = new WalSync('/data/certbell.db', io);
    const errors: (string | null)[] = [];
    sync.afterCommit((error) => errors.push(error?.message ?? null));
    sync.afterCommit((error) => errors.push(error?.message ?? null));
    calls[0](Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    expect(errors).toEqual([expect.stringContaining('fdatasync of the WAL failed: EIO')]);
    calls[1](null);
    expect(errors).toEqual([expect.stringContaining('EIO'), null]);
  });

  it('drained() waits for the fdatasync in flight', async () => {
    const { io, calls } = manualIo();
    const sync = new WalSync('/data/certbell.db', io);
    sync.afterCommit(() => undefined);
    let drained = false;
    const done = sync.drained().then(() => { drained = true; });
    await Promise.resolve();
    expect(drained).toBe(false);
    calls[0](null);
    await done;
    expect(drained).toBe(true);
  });

  it('syncs the real WAL file of a database', async () => {
    const dir = tempDir();
    const file = `${dir.dir}/certbell.db`;
    const db = openDatabaseSync(file);
    try {
      // The migrations have just committed: the WAL file exists.
      const sync = new WalSync(file);
      const error = await new Promise<Error | null>((resolve) => sync.afterCommit(resolve));
      expect(error).toBeNull();
      await sync.drained();
      sync.close();
    } finally {
      db.close();
      dir.remove();
    }
  });
});
