/**
 * The services for one CLI command in its own process, beside or without a running Certbell:
 * the data directory's database on this thread (writes group-committed inline), and only what
 * the command asks for — config.json is loaded, and the processor and notification center made,
 * the first time a service needs them. Reading commands create nothing: without a database they
 * see an empty one in memory.
 */
import { existsSync } from 'node:fs';
import { ConfigInvalidError, loadConfigFileSync, type LoadedConfig } from './config/config-file.ts';
import { checkReadableDataDirSync, configFile, databaseFile, ensureDataDirSync } from './config/data-dir.ts';
import type { Logger } from './logger.ts';
import { NotificationCenter } from './notifications/notification-center.ts';
import { NullNotifier, type Notifier } from './notifications/notifier.ts';
import { PauseFile } from './notifications/pause-file.ts';
import { createProcessor } from './pipeline/create-processor.ts';
import type { DeliveryProcessor } from './pipeline/delivery-processor.ts';
import { createDeployment } from './deployment/create-deployment.ts';
import type { DeploymentSchedule } from './deployment/deployment-schedule.ts';
import { createSync } from './provider/create-sync.ts';
import type { SyncSchedule } from './provider/sync-schedule.ts';
import { createServices, type Services } from './services/index.ts';
import { openDatabaseSync } from './store/database.ts';
import { DeliveryStore } from './store/delivery-store.ts';

export interface OpenServicesOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** `read`: nothing is created; `write`: the data directory and database are made if missing. */
  mode: 'read' | 'write';
  /** Shows the notifications a replay raises (the CLI's D-Bus notifier); else they are only recorded. */
  notifier?: Notifier;
  now?: () => number;
}

export interface OpenedServices {
  services: Services;
  /** Waits for what was raised to be shown and stored, then closes the database. */
  close(): Promise<void>;
}

function openDatabase(dataDir: string, mode: OpenServicesOptions['mode']) {
  const file = databaseFile(dataDir);
  if (mode === 'write') {
    ensureDataDirSync(dataDir);
    return openDatabaseSync(file);
  }
  checkReadableDataDirSync(dataDir);
  return openDatabaseSync(existsSync(file) ? file : ':memory:');
}

export function openServices(options: OpenServicesOptions): OpenedServices {
  const { dataDir, logger } = options;
  const now = options.now ?? Date.now;
  const db = openDatabase(dataDir, options.mode);
  const store = new DeliveryStore(db);
  let loaded: LoadedConfig | undefined;
  const config = () => {
    if (loaded) return loaded;
    const file = configFile(dataDir);
    const result = loadConfigFileSync(file, { env: options.env });
    if (!result.ok) throw new ConfigInvalidError(file, result.errors);
    return (loaded = result);
  };
  const notifier = options.notifier ?? new NullNotifier();
  let center: NotificationCenter | undefined;
  const notifications = () => center ??= new NotificationCenter({ settings: () => config().config.notifications,
    notifier: () => notifier, now, logger, record: (rows) => store.note(rows), coalesceMs: 0, pause: new PauseFile(dataDir) });
  let processor: DeliveryProcessor | undefined;
  let deployment: DeploymentSchedule | undefined;
  let sync: SyncSchedule | undefined;
  const makeProcessor = () => processor ??= createProcessor({ store, dataDir, logger, now, config: () => config().config,
    notifications: notifications() });
  const services = createServices({
    dataDir, now, store, config, notifications, loadOptions: { env: options.env },
    deployment: () => deployment ??= createDeployment({ store, center: notifications(), config: () => config().config, now, logger }),
    sync: () => sync ??= createSync({ store, center: notifications(), config, now, logger,
      serialize: (id, work) => makeProcessor().serialize(id, work) }),
    processor: makeProcessor,
  });
  return {
    services,
    async close() {
      try {
        // Shown before the bus closes.
        deployment?.stop();
        await deployment?.idle();
        await sync?.idle();
        await center?.stop();
        await notifier.close();
      } finally {
        await store.close();
        db.close();
      }
    },
  };
}
