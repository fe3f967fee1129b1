/**
 * The bridge contract (shared/bridge), implemented once over the core. Every transport (HTTP+SSE
 * in the headless face, IPC in the desktop shell) calls `dispatch`, which validates the params,
 * and subscribes to pushed events with `subscribe`. Results are plain JSON-able values.
 */
import {
  isMethodName, parseParams, type BridgeEvent, type MethodName, type MethodParams, type MethodResult,
} from '../../../shared/bridge/index.ts';
import { validateConfig } from '../../../shared/config/index.ts';
import { certificateView } from '../certificates/certificate-view.ts';
import type { Core } from '../create-core.ts';
import { hookSpecs } from '../hooks/hook-set.ts';
import { ApiError, type ApiErrorKind } from './api-error.ts';
import { maskSettings } from './mask-settings.ts';
import { ConfigEditor } from './config-editor.ts';
import { sendTestNotification } from './test-notification.ts';
import { replayDelivery, replayEditedDelivery } from './replay-delivery.ts';
import { StoreEventFeed } from './event-feed.ts';
import { testHook } from './test-hook.ts';
import type { LoadOptions } from '../config/config-file.ts';
import type { SecretStorageStatus } from '../../../shared/bridge/index.ts';
import type { DeliveryQuery } from '../store/delivery-types.ts';

export type ApiCore = Pick<Core, 'dataDir' | 'store' | 'db' | 'processor' | 'hookSlots' | 'scriptLauncher' | 'config' | 'webhookUrl' | 'storeEvents' | 'notifications' | 'tunnel'>;

export interface ApiDeps {
  now?: () => number;
  /** How the running core loads config.json (environment, decrypt), so a save is checked the same way. */
  loadOptions?: LoadOptions;
  /** The desktop shell seals secret values typed in the UI (safeStorage) before they reach config.json. */
  encrypt?: (plain: string) => string;
  /** The desktop shell reports how secrets are sealed, so the UI can warn about a plain-text backend. */
  secretStorage?: () => SecretStorageStatus;
}

type Handlers = { [M in MethodName]: (params: MethodParams<M>) => MethodResult<M> | Promise<MethodResult<M>> };

export type DispatchResult = { ok: true; result: unknown } | { ok: false; kind: ApiErrorKind; error: string };

export interface Api {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  /** Untrusted input from a transport: the method name and params are both checked. */
  dispatch(method: string, params: unknown): Promise<DispatchResult>;
  /** Pushed events; returns the unsubscribe function. */
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

export function createApi(core: ApiCore, deps: ApiDeps = {}): Api {
  const now = deps.now ?? Date.now;
  const queries = core.store.reads;
  const feed = new StoreEventFeed(core, now);
  /** Events that do not come from the store (hook test output). */
  const direct = new Set<(event: BridgeEvent) => void>();
  const push = (event: BridgeEvent) => {
    for (const listener of direct) {
      try { listener(event); } catch { /* one broken subscriber must not starve the others */ }
    }
  };
  const editor = new ConfigEditor({ dataDir: core.dataDir, config: core.config, loadOptions: deps.loadOptions, encrypt: deps.encrypt });
  const find = (id: string) => {
    const detail = core.store.reads.find(id);
    if (!detail) throw new ApiError('not-found', `no delivery "${id}"`);
    return detail;
  };

  const handlers: Handlers = {
    status: () => {
      const webhookUrl = core.webhookUrl();
      const url = new URL(webhookUrl);
      const counts = queries.countsByOutcome();
      return {
        webhookUrl, listener: { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port), path: core.config().config.listener.path },
        counts, total: Object.values(counts).reduce((a, b) => a + b, 0), dataDir: core.dataDir,
        notifier: core.notifications.notifierName,
        ...(deps.secretStorage ? { secretStorage: deps.secretStorage() } : {}),
      };
    },
    'deliveries.list': (params) => queries.list(params as DeliveryQuery),
    'deliveries.get': ({ id }) => find(id),
    'deliveries.raw': ({ id }) => {
      const detail = find(id);
      const body = core.store.reads.rawBody(detail.id);
      return { id: detail.id, base64: body ? body.toString('base64') : null, size: detail.bodySize };
    },
    'deliveries.replay': ({ id }) => replayDelivery(core.store, core.processor, id, now),
    'certificates.list': () => core.store.certificates.all().map((c) => certificateView(c, now())),
    'notifications.list': ({ limit, certificateId }) => core.store.certificates.notifications(limit ?? 50, certificateId),
    'settings.get': () => maskSettings(core.config().config),
    'settings.validate': ({ config }) => {
      const result = validateConfig(config);
      return result.ok ? { valid: true, errors: [] } : { valid: false, errors: result.errors };
    },
    'hooks.list': () => hookSpecs(core.config().config, core.dataDir),
    'settings.save': ({ config }) => editor.saveSettings(config),
    'hooks.save': (params) => editor.saveHooks(params),
    'hooks.test': (params) => testHook({ dataDir: core.dataDir, store: core.store, config: () => core.config().config, push,
      slots: core.hookSlots, launcher: core.scriptLauncher }, params),
    'deliveries.replayEdited': ({ id, body }) => replayEditedDelivery(core.store, core.processor, id, body, now),
    'notifications.test': () => sendTestNotification(core.notifications, core.store),
    'tunnel.state': () => core.tunnel.state(),
    'tunnel.start': () => core.tunnel.start(),
    'tunnel.stop': () => core.tunnel.stop(),
    'tunnel.check': () => core.tunnel.check(),
  };

  const call = async <M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> =>
    (handlers[method] as (p: MethodParams<M>) => MethodResult<M> | Promise<MethodResult<M>>)(params);

  return {
    call,
    async dispatch(method, params) {
      if (!isMethodName(method)) return { ok: false, kind: 'unknown-method', error: `unknown method "${method}"` };
      const parsed = parseParams(method, params);
      if (!parsed.ok) return { ok: false, kind: 'invalid', error: parsed.error };
      try {
        return { ok: true, result: await call(method, parsed.params) };
      } catch (error) {
        if (error instanceof ApiError) return { ok: false, kind: error.kind, error: error.message };
        throw error;
      }
    },
    subscribe(listener) {
      const stopFeed = feed.subscribe(listener);
      direct.add(listener);
      const stopTunnel = core.tunnel.onChange((change) => {
        const event: BridgeEvent = change.kind === 'state' ? { event: 'tunnel', data: change.state }
          : { event: 'tunnelOutput', data: { line: change.line } };
        try { listener(event); } catch { /* one broken subscriber must not starve the others */ }
      });
      return () => { stopFeed(); stopTunnel(); direct.delete(listener); };
    },
  };
}
