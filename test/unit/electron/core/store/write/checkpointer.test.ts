import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { Checkpointer } from '../../../../../../electron/core/store/write/checkpointer.ts';
import { TurnCommit } from '../../../../../../electron/core/store/write/turn-commit.ts';
import { openDatabaseSync } from '../../../../../../electron/core/store/database.ts';
import { tempDir } from '../store-fixtures.ts';
import { until } from '../../../../../helpers/polling.ts';

describe('Checkpointer', () => {
  it('runs its thread only under sustained commits, copies the WAL into the database and lets it start over', async () => {
    const dir = tempDir();
    const file = `${dir.dir}/certbell.db`;
    const db = openDatabaseSync(file);
    const checkpointer = new Checkpointer(db, file, { restartFrames: 64, idleMs: 400, busyCommits: 5 });
    const commits = new TurnCommit(db, { walFile: `${file}-wal`, afterCommit: () => checkpointer.afterCommit() });
    try {
      db.exec('CREATE TABLE t (v BLOB NOT NULL)');
      expect(checkpointer.running).toBe(false);
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      const page = Buffer.alloc(4000, 1);
      for (let round = 0; round < 40; round++) {
        await Promise.all(Array.from({ length: 10 }, () => commits.write(() => insert.run(page))));
        // A commit now and then leaves the WAL to SQLite; the fifth within a second starts the thread.
        expect(checkpointer.running).toBe(round >= 4);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // 400 pages written (1.6 MB), in a WAL asked to start over every 64 frames: it stays well below that.
      expect(statSync(`${file}-wal`).size).toBeLessThan(300 * 4096);
      await until('the idle checkpointer thread ends', () => !checkpointer.running, 5000);
      expect(statSync(file).size).toBeGreaterThan(400 * 4000);
      for (let i = 0; i < 5; i++) await commits.write(() => insert.run(page));
      expect(checkpointer.running).toBe(true);
    } finally {
      await commits.close();
      await checkpointer.stop();
      db.close();
      dir.remove();
    }
  });
});
