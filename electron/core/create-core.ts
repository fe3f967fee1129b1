/**
 * Wiring of the core (no `electron` import): config, store, ingest, listener, retention and live
 * reload. Both shells (Electron, `certbell serve`) build the core here.
 */
import type { DatabaseSync } from 'node:sqlite';
import { formatConfigErrors, type ConfigError } from '../../shared/config/index.ts';
import { SECURITY_INTERVAL_MS } from '../../shared/notify/index.ts';
import { firstSecret, loadConfigFileSync, type LoadOptions, type LoadedConfig } from './config/config-file.ts';
import { ConfigWatcher } from './config/config-watcher.ts';
import { observedWriter, StoreEvents } from './store/store-events.ts';
import { configFile, databaseFile, ensureDataDirSync } from './config/data-dir.ts';
import { Ingest } from './ingest/ingest.ts';
import { HookSlots } from './hooks/hook-slots.ts';
import { nodeScriptLauncher } from './hooks/node-launcher.ts';
import type { ScriptLauncher } from './hooks/script-launcher.ts';
import type { Hmac } from './signature/verify.ts';
import { createProcessor } from './pipeline/create-processor.ts';
import { ExpirySchedule } from './certificates/expiry-schedule.ts';
import { NotificationCenter } from './notifications/notification-center.ts';
import { NullNotifier, type Notifier } from './notifications/notifier.ts';
import type { DeliveryProcessor } from './pipeline/delivery-processor.ts';
import { WebhookListener } from './listener/http-listener.ts';
import { RejectLimiter } from './ingest/reject-limiter.ts';
import type { Logger } from './logger.ts';
import { openDatabaseSync } from './store/database.ts';
import { DeliveryStore } from './store/delivery-store.ts';
import { WorkerWriter } from './store/write/worker-writer.ts';
import { RetentionJob } from './store/write/retention.ts';
import type { BackoffSettings } from './tunnel/backoff.ts';
import { checkReachability } from './tunnel/reachability.ts';
import { startResumeDetector } from './tunnel/resume-detector.ts';
import { TunnelService } from './tunnel/tunnel-service.ts';
import { removeTunnelStateSync, writeTunnelStateSync } from './tunnel/tunnel-state-file.ts';
import { TunnelSupervisor } from './tunnel/tunnel-supervisor.ts';
import { removeListenerFileSync, writeListenerFileSync } from './listener/listener-file.ts';

export class ConfigInvalidError extends Error {
  readonly errors: ConfigError[];
  constructor(file: string, errors: ConfigError[]) {
    super(`${file} is invalid:\n${formatConfigErrors(errors)}`);
    this.errors = errors;
  }
}

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
  /** Called after each live reload, so a shell can apply what it owns (the desktop's autostart). */
  onConfigChange?: (loaded: LoadedConfig) => void;
  /** Computes the signature HMACs (tests count them). */
  hmac?: Hmac;
  /** Starts the hooks-file runner: a Node child unless the shell says otherwise (the desktop: an Electron utility process). */
  scriptLauncher?: ScriptLauncher;
}

export interface Core {
  readonly dataDir: string;
  readonly store: DeliveryStore;
  readonly processor: DeliveryProcessor;
  /** The limit on hook processes running at once, shared by deliveries, replays and test runs. */
  readonly hookSlots: HookSlots;
  /** How hooks-file runs are started, for every run of this core (deliveries, replays, test runs). */
  readonly scriptLauncher: ScriptLauncher;
  readonly notifications: NotificationCenter;
  readonly expiry: ExpirySchedule;
  readonly db: DatabaseSync;
  /** Durable writes as they happen (the bridge's pushed events). */
  readonly storeEvents: StoreEvents;
  /** The user's tunnel (SPEC §8): state, public webhook URL, start/stop, reachability check. */
  readonly tunnel: TunnelService;
  config(): LoadedConfig;
  /** The local listener's URL. */
  webhookUrl(): string;
  /** The machine woke up: restart the tunnel, check expiry. The desktop shell calls it from powerMonitor. */
  resume(): void;
  stop(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
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
  const writer = new WorkerWriter(databaseFile(dataDir));
  const storeEvents = new StoreEvents();
  const store = new DeliveryStore(db, observedWriter(writer, storeEvents));
  // Started before the listener accepts anything: ids stored from then on are added as they come.
  void store.knownIds.load(databaseFile(dataDir)).catch((error: Error) => logger.error(`store: cannot load the delivery ids: ${error.message}`));
  const limiter = new RejectLimiter(() => current.config.listener.rejectLimit);
  const notifier = options.notifier ?? new NullNotifier();
  const notifications = new NotificationCenter({ settings: () => current.config.notifications, notifier: () => notifier,
    now, logger, record: (rows) => store.note(rows),
    lastSecurityAt: store.certificates.lastOfKindSince('security', now() - SECURITY_INTERVAL_MS) });
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
  let listener = new WebhookListener({ ingest, logger, now, settings: () => current.config.listener });
  const bind = () => ({ host: options.host ?? current.config.listener.host, port: options.port ?? current.config.listener.port });
  let bound = bind();
  try {
    await writer.ready();
    const address = await listener.listen(bound.host, bound.port);
    bound = { host: bound.host, port: address.port };
  } catch (error) {
    store.knownIds.stop();
    await store.close();
    db.close();
    throw error;
  }
  const webhookUrl = () => `http://${urlHost(bound.host)}:${bound.port}${current.config.listener.path}`;
  let published = '';
  /**
   * Tells the CLI in other processes where this listener really is (`--port 0`, a moved port, a new
   * path): listener.json, rewritten only when the URL changed (config reloads mostly leave it).
   */
  const publishListener = () => {
    const url = webhookUrl();
    if (url === published) return;
    try {
      writeListenerFileSync(dataDir, url);
      published = url;
    } catch (error) { logger.warn(`listener: cannot write listener.json: ${(error as Error).message}`); }
  };
  publishListener();

  const retention = new RetentionJob(store, () => current.config.retention, now, logger);
  retention.start();
  void expiry.start().catch((error: Error) => logger.error(`expiry: ${error.message}`));
  storeEvents.onCommit((commit) => { if (commit.kind === 'delivery' && commit.stored.outcome === 'accepted') expiry.afterDelivery(); });

  const rebindIfMoved = async () => {
    const wanted = bind();
    const samePort = options.port !== undefined || wanted.port === bound.port;
    if (wanted.host === bound.host && samePort) return;
    const next = new WebhookListener({ ingest, logger, now, settings: () => current.config.listener });
    try {
      const address = await next.listen(wanted.host, wanted.port);
      const previous = listener;
      listener = next;
      bound = { host: wanted.host, port: address.port };
      await previous.close();
      logger.info(`listener: moved to ${bound.host}:${bound.port}`);
    } catch (error) {
      logger.error(`listener: ${(error as Error).message}; still listening on ${bound.host}:${bound.port}`);
    }
  };

  const supervisor = new TunnelSupervisor({
    settings: () => current.config.tunnel, port: () => bound.port, logger, now,
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
  let lastWritten = '';
  tunnel.onChange((event) => {
    if (event.kind !== 'state') return;
    const key = `${event.state.phase} ${event.state.webhookUrl}`;
    if (key === lastWritten) return;
    lastWritten = key;
    try { writeTunnelStateSync(dataDir, event.state); } catch (error) { logger.warn(`tunnel: cannot write tunnel.json: ${(error as Error).message}`); }
  });
  if (current.config.tunnel.command && current.config.tunnel.autoStart) tunnel.start();
  const resume = () => {
    logger.info('resume: restarting the tunnel and checking certificates');
    tunnel.resume();
    void expiry.check().catch((error: Error) => logger.error(`expiry: ${error.message}`));
  };
  const stopResumeDetector = options.tunnel?.detectResume === false ? () => undefined
    : startResumeDetector({ onResume: resume, now });
  /** A running tunnel follows edits of its settings; autoStart switched on starts it. */
  const applyTunnelSettings = (before: LoadedConfig['config']['tunnel'], after: LoadedConfig['config']['tunnel'], moved: boolean) => {
    const changed = JSON.stringify(before.command) !== JSON.stringify(after.command) || before.urlPattern !== after.urlPattern;
    if (!after.command && supervisor.isWanted) void tunnel.stop();
    else if ((changed || moved) && supervisor.isWanted) void supervisor.restart('its settings changed');
    else if (after.command && after.autoStart && !before.autoStart) tunnel.start();
  };

  const watcher = new ConfigWatcher(file, {
    onChange(loaded) {
      const before = current.config.tunnel;
      const portBefore = bound.port;
      current = loaded;
      listener.applySettings();
      for (const warning of loaded.warnings) logger.warn(`config: ${warning}`);
      logger.info('config: reloaded config.json');
      void rebindIfMoved().then(() => {
        publishListener();
        applyTunnelSettings(before, loaded.config.tunnel, bound.port !== portBefore);
        tunnel.settingsChanged();
      });
      try { options.onConfigChange?.(loaded); } catch (error) { logger.error(`config: ${(error as Error).message}`); }
    },
    onInvalid(errors) {
      logger.error(`config: config.json is invalid; the last valid settings stay in force:\n${formatConfigErrors(errors)}`);
    },
  }, options.configOptions);
  watcher.start();

  let stopping: Promise<void> | undefined;
  return {
    dataDir, store, db, processor, hookSlots, scriptLauncher, notifications, expiry, storeEvents, tunnel, resume,
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
        await listener.close();
        await notifications.stop();
        await notifier.close();
        store.knownIds.stop();
        await store.close();
        db.close();
      })();
      return stopping;
    },
  };
}
