import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { TurnCommit, type WalIo } from '../../../../../../electron/core/store/write/turn-commit.ts';
import { openDatabaseSync } from '../../../../../../electron/core/store/database.ts';
import { tempDir } from '../store-fixtures.ts';

/** fdatasyncs held until the test finishes them; `failNext` makes the next one fail. */
function heldIo() {
  const calls: string[] = [];
  const held: ((error: Error | null) => void)[] = [];
  const io: WalIo = {
    open: (file) => { calls.push(`open ${file}`); return 7; },
    fdatasync: (fd, done) => { calls.push(`fdatasync ${fd}`); held.push(done); },
    fdatasyncSync: (fd) => { calls.push(`fdatasyncSync ${fd}`); },
    close: (fd) => { calls.push(`close ${fd}`); },
  };
  return { io, calls, finish: (error: Error | null = null) => held.shift()!(error), pending: () => held.length };
}

function memoryDb(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE t (v TEXT NOT NULL)');
  return db;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const rows = (db: DatabaseSync) => (db.prepare('SELECT v FROM t ORDER BY rowid').all() as { v: string }[]).map((r) => r.v);
const insert = (db: DatabaseSync, v: string | null) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);

describe('TurnCommit', () => {
  it('writes at once, commits at the turn end, and settles only after the fdatasync of the WAL', async () => {
    const db = memoryDb();
    const { io, calls, finish } = heldIo();
    const commits = new TurnCommit(db, { walFile: '/data/certbell.db-wal', io });
    const settled: string[] = [];
    void commits.write(insert(db, 'a')).then(() => settled.push('a'));
    void commits.write(insert(db, 'b')).then(() => settled.push('b'));
    // Seen by every read right away, in the transaction still open.
    expect([rows(db), db.isTransaction]).toEqual([['a', 'b'], true]);
    await turn();
    expect([db.isTransaction, calls]).toEqual([false, ['open /data/certbell.db-wal', 'fdatasync 7']]);
    await turn();
    expect(settled).toEqual([]);
    finish();
    await turn();
    expect(settled).toEqual(['a', 'b']);
  });

  it('gathers the writes made while an fdatasync runs into one commit, made as soon as it is done', async () => {
    const db = memoryDb();
    const { io, calls, finish, pending } = heldIo();
    const commits = new TurnCommit(db, { walFile: '/w', io });
    const first = commits.write(insert(db, 'a'));
    await turn();
    const later = [commits.write(insert(db, 'b'))];
    await turn();
    later.push(commits.write(insert(db, 'c')));
    await turn();
    // Two turns of writes wait in one open transaction behind the running fdatasync.
    expect([db.isTransaction, pending()]).toEqual([true, 1]);
    finish();
    await first;
    expect([db.isTransaction, pending(), calls.filter((c) => c.startsWith('fdatasync')).length]).toEqual([false, 1, 2]);
    finish();
    await Promise.all(later);
    expect(rows(db)).toEqual(['a', 'b', 'c']);
  });

  it('undoes a write that throws alone, and rejects it alone', async () => {
    const db = memoryDb();
    const commits = new TurnCommit(db);
    const good = commits.write(insert(db, 'kept'));
    const bad = commits.write(() => { insert(db, 'half')(); insert(db, null)(); });
    await expect(bad).rejects.toThrow(/NOT NULL/);
    await expect(good).resolves.toBeDefined();
    expect(rows(db)).toEqual(['kept']);
  });

  it('rejects every write of a commit whose fdatasync failed, naming it', async () => {
    const db = memoryDb();
    const { io, finish } = heldIo();
    const commits = new TurnCommit(db, { walFile: '/w', io });
    const both = [commits.write(insert(db, 'a')), commits.write(insert(db, 'b'))];
    await turn();
    finish(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    for (const write of both) await expect(write).rejects.toThrow('fdatasync of the WAL failed: EIO: i/o error, fdatasync');
  });

  it('rejects every write of a commit that failed, and rolls it back', async () => {
    const db = memoryDb();
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)');
    db.exec('PRAGMA foreign_keys = ON');
    const commits = new TurnCommit(db);
    const a = commits.write(insert(db, 'a'));
    // A deferred foreign key fails only at COMMIT.
    const b = commits.write(() => db.exec('INSERT INTO child (p) VALUES (99)'));
    await expect(a).rejects.toThrow(/FOREIGN KEY/);
    await expect(b).rejects.toThrow(/FOREIGN KEY/);
    expect([rows(db), db.isTransaction]).toEqual([[], false]);
    await expect(commits.write(insert(db, 'next'))).resolves.toBeDefined();
    expect(rows(db)).toEqual(['next']);
  });

  it('makes a real database durable on close: flushSync commits and waits for its fdatasync on this thread', async () => {
    const dir = tempDir();
    const file = `${dir.dir}/certbell.db`;
    const db = openDatabaseSync(file);
    try {
      db.exec('CREATE TABLE t (v TEXT NOT NULL)');
      const commits = new TurnCommit(db, { walFile: `${file}-wal` });
      const write = commits.write(insert(db, 'x'));
      commits.flushSync();
      await write;
      await commits.close();
      const other = new DatabaseSync(file, { readOnly: true });
      expect(rows(other)).toEqual(['x']);
      other.close();
    } finally {
      db.close();
      dir.remove();
    }
  });
});
