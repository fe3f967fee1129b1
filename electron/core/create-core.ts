/**
 * Wiring of the core (no `electron` import): config, store, ingest, listener, retention and live
 * reload. Both shells (Electron, `certbell serve`) build the core here.
 */
import { SECURITY_INTERVAL_MS } from '../../shared/notify/index.ts';
import { ConfigInvalidError, firstSecret, loadConfigFileSync, type LoadOptions, type LoadedConfig } from './config/config-file.ts';
import { startLiveReload } from './config/live-reload.ts';
import { observedWriter, StoreEvents } from './store/store-events.ts';
import { configFile, databaseFile, ensureDataDirSync } from './config/data-dir.ts';
import { Ingest } from './ingest/ingest.ts';
import { HookSlots } from './hooks/hook-slots.ts';
import { nodeScriptLauncher } from './hooks/node-launcher.ts';
import type { ScriptLauncher } from './hooks/script-launcher.ts';
import type { Hmac } from './signature/verify.ts';
import { createProcessor } from './pipeline/create-processor.ts';
import { createDeployment, type DeploymentOptions } from './deployment/create-deployment.ts';
import type { DeploymentSchedule } from './deployment/deployment-schedule.ts';
import { createSync } from './provider/create-sync.ts';
import type { SyncSchedule, SyncTiming } from './provider/sync-schedule.ts';
import { ExpirySchedule } from './certificates/expiry-schedule.ts';
import { NotificationCenter } from './notifications/notification-center.ts';
import { NullNotifier, type Notifier } from './notifications/notifier.ts';
import type { PauseStore } from './notifications/pause.ts';
import { PauseFile } from './notifications/pause-file.ts';
import { ListenerBinding } from './listener/listener-binding.ts';
import { RejectLimiter } from './ingest/reject-limiter.ts';
import type { Logger } from './logger.ts';
import { openDatabaseSync } from './store/database.ts';
import { DeliveryStore } from './store/delivery-store.ts';
import { InlineWriter } from './store/write/delivery-writer.ts';
import { Checkpointer, type CheckpointerOptions } from './store/write/checkpointer.ts';
import { RetentionJob } from './store/write/retention.ts';
import type { BackoffSettings } from './tunnel/backoff.ts';
import { checkReachability } from './tunnel/reachability.ts';
import { startResumeDetector } from './tunnel/resume-detector.ts';
import { TunnelService } from './tunnel/tunnel-service.ts';
import { publishTunnelState, removeTunnelStateSync } from './tunnel/tunnel-state-file.ts';
import { TunnelSupervisor } from './tunnel/tunnel-supervisor.ts';
import { removeListenerFileSync } from './listener/listener-file.ts';
import { createServices, type Services } from './services/index.ts';
import { createApi, type Api } from './api/create-api.ts';
import type { SecretStorageStatus } from '../../shared/bridge/index.ts';

export { ConfigInvalidError } from './config/config-file.ts';

export interface CoreOptions {
  dataDir: string;
  logger: Logger;
  now?: () => number;
  /** Command-line overrides; when set, config changes to these keys are ignored. */
  host?: string;
  port?: number;
  configOptions?: LoadOptions;
  /** The desktop or D-Bus notifier; without one, notifications are only recorded. */
  notifier?: Notifier;
  /** Tunnel timing (tests make it fast); `detectResume: false` when the shell reports resume itself (powerMonitor). */
  tunnel?: { backoff?: BackoffSettings; startTimeoutMs?: number; stableMs?: number; autoCheckDelaysMs?: number[];
    detectResume?: boolean };
  /** Deployment check timing and limits (tests make them fast). */
  deployment?: DeploymentOptions;
  /** The checkpointer thread's WAL restart length and idle time (tests make them short). */
  checkpoints?: CheckpointerOptions;
  /** Provider sync timing (tests make it fast). */
  sync?: SyncTiming;
  /** Called after each live reload, so a shell can apply what it owns (the desktop's autostart). */
  onConfigChange?: (loaded: LoadedConfig) => void;
  /** Computes the signature HMACs (tests count them). */
  hmac?: Hmac;
  /** Starts the hooks-file runner: a Node child unless the shell says otherwise (the desktop: an Electron utility process). */
  scriptLauncher?: ScriptLauncher;
  /** Where "pause notifications" is kept: DIR/pause.json (shared with the CLI) unless the shell keeps it (the desktop's preferences). */
  pause?: PauseStore;
  /** The desktop shell seals secret values typed in the UI (safeStorage) before they reach config.json. */
  encrypt?: (plain: string) => string;
  /** The desktop shell reports how secrets are sealed, so the UI can warn about a plain-text backend. */
  secretStorage?: () => SecretStorageStatus;
}

export interface Core {
  readonly dataDir: string;
  /** The one front door: every use case, for the shells and their UI bridges. */
  readonly services: Services;
  /** The bridge contract over the services, for both transports (HTTP+SSE, IPC). */
  readonly api: Api;
  /** The user's tunnel (SPEC §8): state, public webhook URL, start/stop, reachability check, changes. */
  readonly tunnel: TunnelService;
  /** The expiry checks (the desktop shell runs one on resume; tests watch it). */
  readonly expiry: ExpirySchedule;
  /** The deployment checks (SPEC §12); tests wait for its rounds. */
  readonly deployment: DeploymentSchedule;
  /** Provider sync (SPEC §13); tests wait for its runs. */
  readonly sync: SyncSchedule;
  config(): LoadedConfig;
  /** The local listener's URL. */
  webhookUrl(): string;
  /** The machine woke up: restart the tunnel, check expiry. The desktop shell calls it from powerMonitor. */
  resume(): void;
  stop(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const { dataDir, logger } = options;
  const now = options.now ?? Date.now;
  ensureDataDirSync(dataDir);
  const file = configFile(dataDir);
  const first = loadConfigFileSync(file, options.configOptions);
  if (!first.ok) throw new ConfigInvalidError(file, first.errors);
  let current: LoadedConfig = first;
  for (const warning of current.warnings) logger.warn(`config: ${warning}`);

  const db = openDatabaseSync(databaseFile(dataDir));
  const checkpointer = new Checkpointer(db, databaseFile(dataDir), options.checkpoints);
  const writer = new InlineWriter(db, { walFile: `${databaseFile(dataDir)}-wal`, afterCommit: () => checkpointer.afterCommit() });
  const storeEvents = new StoreEvents();
  const store = new DeliveryStore(db, observedWriter(writer, storeEvents));
  const limiter = new RejectLimiter(() => current.config.listener.rejectLimit);
  const notifier = options.notifier ?? new NullNotifier();
  const notifications = new NotificationCenter({ settings: () => current.config.notifications, notifier: () => notifier,
    now, logger, record: (rows) => store.note(rows),
    lastSecurityAt: store.certificates.lastOfKindSince('security', now() - SECURITY_INTERVAL_MS),
    pause: options.pause ?? new PauseFile(dataDir) });
  const hookSlots = new HookSlots(() => current.config.maxConcurrentHooks);
  const scriptLauncher = options.scriptLauncher ?? nodeScriptLauncher;
  const processor = createProcessor({ store, dataDir, logger, now, config: () => current.config, notifications, slots: hookSlots,
    launcher: scriptLauncher });
  const expiry = new ExpirySchedule({ store, center: notifications, serialize: (id, work) => processor.serialize(id, work),
    thresholds: () => current.config.notifications.expiryThresholdsDays, now, logger });
  const ingest = new Ingest({
    store, limiter, logger, processor, onSignatureRejected: () => notifications.signatureRejected(), hmac: options.hmac,
    settings: () => ({ keys: current.keys, signatureInput: current.config.signatureInput, allowUnsigned: current.config.allowUnsigned }),
  });
  const binding = new ListenerBinding({ ingest, logger, now, dataDir, settings: () => current.config.listener,
    host: options.host, port: options.port });
  try {
    await binding.listen();
  } catch (error) {
    await store.close();
    await checkpointer.stop();
    db.close();
    throw error;
  }
  const webhookUrl = () => binding.webhookUrl();

  const retention = new RetentionJob(store, () => current.config.retention, now, logger);
  retention.start();
  void expiry.start().catch((error: Error) => logger.error(`expiry: ${error.message}`));
  const deployment = createDeployment({ store, center: notifications, config: () => current.config, now, logger, ...options.deployment });
  deployment.start();
  const sync = createSync({ store, center: notifications, config: () => current, now, logger, timing: options.sync,
    serialize: (id, work) => processor.serialize(id, work),
    changed: (certificates) => {
      expiry.afterDelivery();
      for (const certificate of certificates) deployment.certificateChanged(certificate);
    } });
  sync.start();
  storeEvents.onCommit((commit) => {
    if (commit.kind !== 'delivery' || commit.stored.outcome !== 'accepted') return;
    expiry.afterDelivery();
    if (commit.record.certificate) deployment.certificateChanged(commit.record.certificate);
  });

  const supervisor = new TunnelSupervisor({
    settings: () => current.config.tunnel, port: () => binding.port, logger, now,
    backoff: options.tunnel?.backoff, startTimeoutMs: options.tunnel?.startTimeoutMs, stableMs: options.tunnel?.stableMs,
  });
  const tunnel = new TunnelService({
    supervisor, logger, autoCheckDelaysMs: options.tunnel?.autoCheckDelaysMs,
    settings: () => ({ path: current.config.listener.path, publicUrl: current.config.tunnel.publicUrl }),
    check: (url) => checkReachability(url, {
      secret: firstSecret(current),
      received: (deliveryId) => store.firstReceivedAt(deliveryId) !== null,
    }),
  });
  publishTunnelState(dataDir, (listener) => tunnel.onChange(listener), logger);
  if (current.config.tunnel.command && current.config.tunnel.autoStart) tunnel.start();
  const resume = () => {
    logger.info('resume: restarting the tunnel and checking certificates and their deployment');
    tunnel.resume();
    void expiry.check().catch((error: Error) => logger.error(`expiry: ${error.message}`));
    deployment.resume();
    sync.resume();
  };
  const stopResumeDetector = options.tunnel?.detectResume === false ? () => undefined
    : startResumeDetector({ onResume: resume, now });

  const watcher = startLiveReload(file, () => current, {
    replace: (loaded) => { current = loaded; },
    listenerSettings: () => binding.applySettings(),
    moveListener: async () => {
      const before = binding.port;
      await binding.follow();
      return binding.port !== before;
    },
    tunnelRunning: () => supervisor.isWanted,
    tunnel: (action) => {
      if (action === 'stop') void tunnel.stop();
      else if (action === 'restart') void supervisor.restart('its settings changed');
      else if (action === 'start') tunnel.start();
      tunnel.settingsChanged();
    },
    shell: options.onConfigChange,
  }, logger, options.configOptions);

  const services = createServices({
    dataDir, now, store, config: () => current, processor: () => processor, notifications: () => notifications,
    deployment: () => deployment,
    sync: () => sync,
    hookSlots, scriptLauncher, tunnel, loadOptions: options.configOptions, encrypt: options.encrypt, secretStorage: options.secretStorage,
    listener: () => ({ host: binding.host, port: binding.port, path: current.config.listener.path, webhookUrl: binding.webhookUrl() }),
  });
  const api = createApi({ services, storeEvents, onTunnelChange: (listener) => tunnel.onChange(listener) });

  let stopping: Promise<void> | undefined;
  return {
    dataDir, services, api, tunnel, expiry, deployment, sync, resume,
    config: () => current,
    webhookUrl,
    stop: () => {
      stopping ??= (async () => {
        watcher.stop();
        stopResumeDetector();
        await tunnel.stop();
        tunnel.close();
        removeTunnelStateSync(dataDir);
        removeListenerFileSync(dataDir);
        retention.stop();
        expiry.stop();
        deployment.stop();
        sync.stop();
        await binding.close();
        await deployment.idle();
        await sync.idle();
        await notifications.stop();
        await notifier.close();
        await store.close();
        await checkpointer.stop();
        db.close();
      })();
      return stopping;
    },
  };
}
