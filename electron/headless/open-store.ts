/** Opening the data directory's store for a one-shot CLI command. */
import { existsSync } from 'node:fs';
import { checkReadableDataDirSync, databaseFile, resolveDataDir } from '../core/config/data-dir.ts';
import { openDatabaseSync } from '../core/store/database.ts';
import { DeliveryStore } from '../core/store/delivery-store.ts';
import type { Io } from './cli-support.ts';

export interface OpenedStore {
  store: DeliveryStore | null;
  close(): void;
}

/** A data directory without a database has no deliveries yet: `store` is null, nothing is created. */
export function openStoreForReading(dataDirFlag: string | undefined, io: Io): OpenedStore {
  const dir = resolveDataDir(dataDirFlag, io.env);
  checkReadableDataDirSync(dir);
  const file = databaseFile(dir);
  if (!existsSync(file)) return { store: null, close() {} };
  const db = openDatabaseSync(file);
  return { store: new DeliveryStore(db), close: () => db.close() };
}
