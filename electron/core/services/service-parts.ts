/**
 * What the services stand on. The running core (create-core.ts) and the CLI's one-shot opening
 * (open-services.ts) each supply these; the parts a command does not use are made only when
 * asked for (a `certbell deliveries` never starts a hook runner or loads config.json).
 */
import type { LoadedConfig, LoadOptions } from '../config/config-file.ts';
import type { DeploymentSchedule } from '../deployment/deployment-schedule.ts';
import type { SyncSchedule } from '../provider/sync-schedule.ts';
import type { HookSlots } from '../hooks/hook-slots.ts';
import type { ScriptLauncher } from '../hooks/script-launcher.ts';
import type { NotificationCenter } from '../notifications/notification-center.ts';
import type { DeliveryProcessor } from '../pipeline/delivery-processor.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { TunnelService } from '../tunnel/tunnel-service.ts';
import type { SecretStorageStatus } from '../../../shared/bridge/index.ts';

/** Where the local listener is bound (the running core knows; a one-shot CLI does not). */
export interface ListenerAddress {
  host: string;
  port: number;
  path: string;
  webhookUrl: string;
}

export interface ServiceParts {
  dataDir: string;
  now: () => number;
  store: DeliveryStore;
  /** The settings in force (throws when config.json is invalid and nothing valid was loaded). */
  config: () => LoadedConfig;
  processor: () => DeliveryProcessor;
  notifications: () => NotificationCenter;
  /** The deployment check (SPEC §12): scheduled in the running core, made on first use by a CLI command. */
  deployment: () => DeploymentSchedule;
  /** Provider sync (SPEC §13): scheduled in the running core, made on first use by a CLI command. */
  sync: () => SyncSchedule;
  hookSlots?: HookSlots;
  scriptLauncher?: ScriptLauncher;
  tunnel?: TunnelService;
  listener?: () => ListenerAddress;
  /** How config.json is loaded (environment, decrypt), so a save is checked the same way. */
  loadOptions?: LoadOptions;
  /** The desktop shell seals secret values typed in the UI (safeStorage) before they reach config.json. */
  encrypt?: (plain: string) => string;
  /** The desktop shell reports how secrets are sealed, so the UI can warn about a plain-text backend. */
  secretStorage?: () => SecretStorageStatus;
}
