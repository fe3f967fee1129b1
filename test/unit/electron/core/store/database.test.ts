import { describe, it, expect, afterEach } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openDatabaseSync, schemaVersionSync, StoreError } from '../../../../../electron/core/store/database.ts';
import { MIGRATIONS } from '../../../../../electron/core/store/migrations.ts';
import { DeliveryStore } from '../../../../../electron/core/store/delivery-store.ts';
import { newDelivery, tempDir } from './store-fixtures.ts';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

function freshFile(): string {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  return join(dir, 'certbell.db');
}

function open(file: string): DatabaseSync {
  const db = openDatabaseSync(file);
  cleanups.unshift(() => { if (db.isOpen) db.close(); });
  return db;
}

const versionRows = (db: DatabaseSync) => db.prepare('SELECT version FROM schema_version').all().map((r) => r.version);

describe('openDatabaseSync', () => {
  it('creates the file and applies every migration', () => {
    const file = freshFile();
    const db = open(file);
    expect(existsSync(file)).toBe(true);
    expect(versionRows(db)).toEqual([MIGRATIONS.length]);
    expect(schemaVersionSync(db)).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['deliveries', 'schema_version']));
  });

  it('uses WAL and full fsync, so a committed delivery survives a crash', () => {
    const db = open(freshFile());
    expect(db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA synchronous').get()).toMatchObject({ synchronous: 2 });
  });

  it('reopens an existing database without migrating again or losing data', async () => {
    const file = freshFile();
    const first = open(file);
    const store = new DeliveryStore(first);
    await store.add(newDelivery({ deliveryId: 'keep-me' }));
    first.close();
    const second = open(file);
    expect(versionRows(second)).toEqual([MIGRATIONS.length]);
    expect(new DeliveryStore(second).reads.find('keep-me')?.deliveryId).toBe('keep-me');
    second.close();
    expect(versionRows(open(file))).toEqual([MIGRATIONS.length]);
  });

  it('refuses a database written by a newer Certbell, and leaves it as it was', () => {
    const file = freshFile();
    const db = open(file);
    db.exec(`UPDATE schema_version SET version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabaseSync(file)).toThrow(StoreError);
    expect(() => openDatabaseSync(file)).toThrow(/newer than this Certbell knows/);
    const raw = new DatabaseSync(file);
    cleanups.unshift(() => raw.close());
    expect(versionRows(raw)).toEqual([MIGRATIONS.length + 1]);
  });

  it('reports a database it cannot open as a StoreError naming the file', () => {
    const file = join(freshFile(), 'no-such-dir', 'certbell.db');
    expect(() => openDatabaseSync(file)).toThrow(StoreError);
    expect(() => openDatabaseSync(file)).toThrow(file);
  });

  it('reports a database whose recorded version does not match its tables in one line, and leaves it as it was', () => {
    const file = freshFile();
    const db = open(file);
    db.exec('UPDATE schema_version SET version = 4');
    db.close();
    expect(() => openDatabaseSync(file)).toThrow(StoreError);
    expect(() => openDatabaseSync(file)).toThrow(new RegExp(`^cannot bring the database ${file} from schema version 4 to ${MIGRATIONS.length}: .*already exists$`));
    const raw = new DatabaseSync(file);
    cleanups.unshift(() => raw.close());
    expect(versionRows(raw)).toEqual([4]);
  });

  it('writes nothing to a database it cannot migrate, not even a version table', () => {
    const file = freshFile();
    const db = open(file);
    db.exec('DROP TABLE schema_version');
    db.close();
    expect(() => openDatabaseSync(file)).toThrow(/from schema version 0 to .*: table \w+ already exists/);
    const raw = new DatabaseSync(file);
    cleanups.unshift(() => raw.close());
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'schema_version'").all()).toEqual([]);
  });

  it('migrates a database left at version 0', () => {
    const file = freshFile();
    const raw = new DatabaseSync(file);
    raw.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    raw.close();
    expect(versionRows(open(file))).toEqual([MIGRATIONS.length]);
  });
});

describe('schemaVersionSync', () => {
  it('is 0 for an empty database', () => {
    const db = new DatabaseSync(':memory:');
    expect(schemaVersionSync(db)).toBe(0);
    db.close();
  });
});

describe('MIGRATIONS', () => {
  it('apply in order to an empty database and create the deliveries columns the store needs', () => {
    const db = new DatabaseSync(':memory:');
    for (const sql of MIGRATIONS) db.exec(sql);
    const columns = db.prepare('PRAGMA table_info(deliveries)').all().map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining([
      'id', 'delivery_id', 'attempt', 'received_at', 'headers', 'body', 'outcome', 'signature', 'signature_detail',
    ]));
    db.close();
  });
});
