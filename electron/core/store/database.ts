/** Opens certbell.db: WAL, full fsync on commit (a 2xx promises durability), migrations applied. */
import { closeSync, openSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';

export class StoreError extends Error {}

/**
 * A new database file is made readable by its owner only (it keeps every request's headers and
 * body); SQLite gives its -wal and -shm files the same mode. An existing file keeps its mode.
 */
function createPrivateSync(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export function openDatabaseSync(file: string): DatabaseSync {
  let db: DatabaseSync;
  try {
    if (file !== ':memory:') createPrivateSync(file);
    db = new DatabaseSync(file, { timeout: 5000 });
    db.exec('PRAGMA journal_mode = WAL');
  } catch (error) {
    throw new StoreError(`cannot open the database ${file}: ${(error as Error).message}`);
  }
  try {
    db.exec('PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000');
    migrateSync(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The schema version recorded in the database; 0 without a version table. Reads only. */
export function schemaVersionSync(db: DatabaseSync): number {
  const table = db.prepare("SELECT 1 AS yes FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  return row?.version ?? 0;
}

function checkVersion(version: number): boolean {
  if (version > MIGRATIONS.length) {
    throw new StoreError(`the database has schema version ${version}, newer than this Certbell knows (${MIGRATIONS.length})`);
  }
  return version < MIGRATIONS.length;
}

/**
 * All or nothing: a migration that fails (a database whose recorded version does not match its
 * tables, say) leaves the file as it was and is reported in one line, like any unusable store.
 */
function migrateSync(db: DatabaseSync, file: string): void {
  if (!checkVersion(schemaVersionSync(db))) return;
  db.exec('BEGIN IMMEDIATE');
  let current = 0;
  try {
    current = schemaVersionSync(db);
    checkVersion(current);
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]);
    db.exec('DELETE FROM schema_version');
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot bring the database ${file} from schema version ${current} to ${MIGRATIONS.length}: `
      + `${(error as Error).message}`);
  }
}
