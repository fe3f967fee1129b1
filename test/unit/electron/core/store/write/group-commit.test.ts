import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { GroupCommit } from '../../../../../../electron/core/store/write/group-commit.ts';

let db: DatabaseSync;
let commits: GroupCommit<string, number>;

const names = () => db.prepare('SELECT name FROM items ORDER BY id').all().map((r) => r.name);

beforeEach(() => {
  db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
  const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
  commits = new GroupCommit(db, (name) => {
    if (name === 'boom') throw new Error('cannot store boom');
    return Number(insert.run(name).lastInsertRowid);
  });
});

afterEach(() => db.close());

describe('GroupCommit', () => {
  it('resolves each submission with its own result, in order', async () => {
    expect(await Promise.all([commits.submit('a'), commits.submit('b'), commits.submit('c')])).toEqual([1, 2, 3]);
    expect(names()).toEqual(['a', 'b', 'c']);
  });

  it('writes nothing until the batch runs, then everything at once', async () => {
    const pending = commits.submit('a');
    expect(names()).toEqual([]);
    await pending;
    expect(names()).toEqual(['a']);
  });

  it('rejects a failed write and resolves only submissions that were committed', async () => {
    const submitted = ['a', 'boom', 'c'];
    const results = await Promise.allSettled(submitted.map((name) => commits.submit(name)));
    expect(results[1]).toEqual({ status: 'rejected', reason: new Error('cannot store boom') });
    const stored = names();
    results.forEach((r, i) => expect(stored.includes(submitted[i])).toBe(r.status === 'fulfilled'));
    expect(db.isTransaction).toBe(false);
  });

  it('keeps working after a failed batch', async () => {
    await Promise.allSettled([commits.submit('boom')]);
    expect(await commits.submit('after')).toBeGreaterThan(0);
    expect(names()).toEqual(['after']);
  });

  it('never undoes an earlier committed batch when a later one fails', async () => {
    await commits.submit('first');
    await expect(commits.submit('first')).rejects.toThrow(/UNIQUE/);
    expect(names()).toEqual(['first']);
  });

  it('rejects the batch when the transaction cannot begin', async () => {
    db.exec('BEGIN');
    await expect(commits.submit('a')).rejects.toThrow();
    db.exec('ROLLBACK');
    expect(names()).toEqual([]);
  });

  it('does nothing on flush with nothing pending', () => {
    expect(() => commits.flush()).not.toThrow();
    expect(db.isTransaction).toBe(false);
  });
});
