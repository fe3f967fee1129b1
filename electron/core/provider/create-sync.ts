/** Provider sync's parts made once, for the running core and for a one-shot CLI command. */
import type { LoadedConfig } from '../config/config-file.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { Logger } from '../logger.ts';
import type { NotificationCenter } from '../notifications/notification-center.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import { ProviderCache } from './create-provider.ts';
import type { Serialize } from './provider-sync.ts';
import { SyncSchedule, type SyncTiming } from './sync-schedule.ts';

export interface SyncParts {
  store: DeliveryStore;
  center: Pick<NotificationCenter, 'prepare' | 'release'>;
  serialize: Serialize;
  config: () => LoadedConfig;
  now: () => number;
  logger: Logger;
  changed?: (certificates: CertificateRecord[]) => void;
  timing?: SyncTiming;
}

export function createSync(parts: SyncParts): SyncSchedule {
  const providers = new ProviderCache();
  return new SyncSchedule({
    store: parts.store, center: parts.center, serialize: parts.serialize, now: parts.now, logger: parts.logger,
    changed: parts.changed, ...parts.timing,
    provider: () => providers.get(parts.config()),
    settings: () => parts.config().config.provider,
    thresholds: () => parts.config().config.notifications.expiryThresholdsDays,
    kinds: () => parts.config().config.notifications.kinds,
  });
}
