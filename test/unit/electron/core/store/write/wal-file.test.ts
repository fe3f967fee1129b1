import { describe, expect, it } from 'vitest';
import { WalFile, type WalFileIo } from '../../../../../../electron/core/store/write/wal-file.ts';
import { openDatabaseSync } from '../../../../../../electron/core/store/database.ts';
import { tempDir } from '../store-fixtures.ts';

/** Records what WalFile asks of the file system; `failWith` makes the next fdatasync fail. */
function recordingIo() {
  const calls: string[] = [];
  let failWith: string | null = null;
  const io: WalFileIo = {
    open: (file) => { calls.push(`open ${file}`); return 42; },
    fdatasync: (fd) => {
      calls.push(`fdatasync ${fd}`);
      if (failWith) throw Object.assign(new Error(failWith), { code: 'EIO' });
    },
    close: (fd) => { calls.push(`close ${fd}`); },
  };
  return { io, calls, fail: (message: string) => { failWith = message; } };
}

describe('WalFile (durability of each group commit)', () => {
  it('opens the WAL on the first commit, then syncs the same descriptor after every commit', () => {
    const { io, calls } = recordingIo();
    const wal = new WalFile('/data/certbell.db', io);
    expect(calls).toEqual([]);
    wal.syncSync();
    wal.syncSync();
    wal.close();
    expect(calls).toEqual(['open /data/certbell.db-wal', 'fdatasync 42', 'fdatasync 42', 'close 42']);
  });

  it('throws a failed fdatasync, naming it, so the commit it covered is refused', () => {
    const { io, fail } = recordingIo();
    const wal = new WalFile('/data/certbell.db', io);
    fail('EIO: i/o error, fdatasync');
    expect(() => wal.syncSync()).toThrow('fdatasync of the WAL failed: EIO: i/o error, fdatasync');
  });

  it('syncs the real WAL file of a database', () => {
    const dir = tempDir();
    const file = `${dir.dir}/certbell.db`;
    const db = openDatabaseSync(file);
    try {
      // The migrations have just committed: the WAL file exists.
      const wal = new WalFile(file);
      expect(() => wal.syncSync()).not.toThrow();
      wal.close();
      expect(() => new WalFile(`${dir.dir}/missing.db`).syncSync()).toThrow(/ENOENT/);
    } finally {
      db.close();
      dir.remove();
    }
  });
});
