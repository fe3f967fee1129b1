/** What `replay` and `hooks test` need: the validated config, the store, a stored delivery's facts. */
import { formatConfigErrors, type Config } from '../../shared/config/index.ts';
import { loadConfigFileSync } from '../core/config/config-file.ts';
import { configFile, databaseFile, ensureDataDirSync, resolveDataDir } from '../core/config/data-dir.ts';
import type { DeliveryFacts } from '../core/hooks/hook-context.ts';
import { openDatabaseSync } from '../core/store/database.ts';
import { DeliveryStore } from '../core/store/delivery-store.ts';
import type { DeliveryDetail } from '../core/store/delivery-types.ts';
import { CommandError, type Io } from './cli-support.ts';

export interface CliContext {
  dataDir: string;
  config: Config;
  store: DeliveryStore;
  close(): Promise<void>;
}

export function openCliContext(dataDirFlag: string | undefined, io: Io): CliContext {
  const dataDir = resolveDataDir(dataDirFlag, io.env);
  ensureDataDirSync(dataDir);
  const loaded = loadConfigFileSync(configFile(dataDir), { env: io.env });
  if (!loaded.ok) throw new CommandError(`${configFile(dataDir)} is invalid:\n${formatConfigErrors(loaded.errors)}`);
  const db = openDatabaseSync(databaseFile(dataDir));
  const store = new DeliveryStore(db);
  return { dataDir, config: loaded.config, store, close: async () => { await store.close(); db.close(); } };
}

export interface StoredDeliveryFacts {
  detail: DeliveryDetail;
  facts: DeliveryFacts;
}

/** A stored delivery whose body is a JSON object, ready to go through hooks again. */
export function storedDeliveryFacts(store: DeliveryStore, id: string): StoredDeliveryFacts {
  const detail = store.reads.find(id);
  if (!detail) throw new CommandError(`no delivery "${id}"`);
  const body = store.reads.rawBody(detail.id);
  if (!body) throw new CommandError(`delivery ${detail.id} has no stored body (${detail.error ?? 'not kept'})`);
  let parsed: unknown;
  try { parsed = JSON.parse(body.toString('utf8')); } catch { parsed = undefined; }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CommandError(`delivery ${detail.id} has no JSON object body, so hooks cannot run on it`);
  }
  return { detail, facts: { deliveryId: detail.deliveryId, event: detail.event, entityId: detail.entityId, body, parsed } };
}
