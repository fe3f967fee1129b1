/** The core's services for one command: opened on the data directory of `--data-dir`, closed when the command ends. */
import { resolveDataDir } from '../core/config/data-dir.ts';
import { streamLogger } from '../core/logger.ts';
import type { Notifier } from '../core/notifications/notifier.ts';
import { openServices } from '../core/open-services.ts';
import type { Services } from '../core/services/index.ts';
import type { Io } from './cli-support.ts';

export interface ServicesUse {
  /** `read` (the default) creates nothing; `write` may create the data directory and its database. */
  mode?: 'read' | 'write';
  notifier?: Notifier;
}

export async function withServices<T>(dataDirFlag: string | undefined, io: Io, use: ServicesUse,
  run: (services: Services) => T | Promise<T>): Promise<T> {
  const opened = openServices({ dataDir: resolveDataDir(dataDirFlag, io.env), env: io.env, logger: streamLogger(io.stderr),
    mode: use.mode ?? 'read', notifier: use.notifier });
  try {
    return await run(opened.services);
  } finally {
    await opened.close();
  }
}
