/**
 * The bridge contract (shared/bridge) over the services: a table from method name to service
 * call, and the pushed events. Every transport (HTTP+SSE in the headless face, IPC in the desktop
 * shell) calls `dispatch`, which validates the params and maps a service error to its status
 * once, for both. Results are plain JSON-able values.
 */
import { isMethodName, parseParams, type BridgeEvent, type MethodName, type MethodParams, type MethodResult } from '../../../shared/bridge/index.ts';
import { ServiceError, type ServiceErrorKind, type Services } from '../services/index.ts';
import type { DeliveryQuery } from '../store/delivery-types.ts';
import type { StoreEvents } from '../store/store-events.ts';
import type { TunnelListener } from '../tunnel/tunnel-service.ts';
import { StoreEventFeed } from './event-feed.ts';

/** What the bridge stands on: the services, and the changes it pushes. */
export interface ApiSource {
  services: Services;
  storeEvents: StoreEvents;
  /** The supervised tunnel's changes; absent where no tunnel is supervised. */
  onTunnelChange?: (listener: TunnelListener) => () => void;
}

type Handlers = { [M in MethodName]: (params: MethodParams<M>) => MethodResult<M> | Promise<MethodResult<M>> };

/** The HTTP status of each error, as both transports report it. */
const STATUS_BY_KIND: Readonly<Record<ServiceErrorKind | 'unknown-method', number>> = {
  invalid: 400, 'not-found': 404, conflict: 409, 'unknown-method': 404,
};

export type DispatchResult = { ok: true; result: unknown } | { ok: false; status: number; error: string };

export interface Api {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  /** Untrusted input from a transport: the method name and params are both checked. */
  dispatch(method: string, params: unknown): Promise<DispatchResult>;
  /** Pushed events; returns the unsubscribe function. */
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

function methodTable(s: Services, push: (event: BridgeEvent) => void): Handlers {
  return {
    status: () => s.status.get(),
    'deliveries.list': ({ since, until, ...query }) => s.deliveries.list({ ...query as DeliveryQuery,
      ...(since === undefined ? {} : { since: Date.parse(since) }), ...(until === undefined ? {} : { until: Date.parse(until) }) }),
    'deliveries.histogram': ({ hours }) => s.deliveries.histogram(hours),
    'deliveries.sendTest': () => s.deliveries.sendTest(),
    'deliveries.get': ({ id }) => s.deliveries.find(id),
    'deliveries.raw': ({ id }) => s.deliveries.raw(id),
    'deliveries.replay': ({ id, force }) => s.deliveries.replay(id, { force }),
    'deliveries.replayEdited': ({ id, body }) => s.deliveries.replayEdited(id, body),
    'certificates.list': () => s.certificates.list(),
    'notifications.list': ({ limit, certificateId }) => s.notifications.list(limit, certificateId),
    'notifications.test': () => s.notifications.test(),
    'notifications.pauseState': () => s.notifications.pauseState(),
    'notifications.pause': ({ until }) => s.notifications.pause(until),
    'settings.get': () => s.settings.get(),
    'settings.validate': ({ config }) => s.settings.validate(config),
    'settings.save': ({ config }) => s.settings.save(config),
    'hooks.list': () => s.hooks.list(),
    'hooks.save': (params) => s.settings.saveHooks(params),
    'hooks.test': ({ name, deliveryId, runId }) => s.hooks.test(name, deliveryId, { runId,
      onOutput: (id, stream, text) => push({ event: 'hookOutput', data: { runId: id, stream, text } }) }),
    'deployment.list': ({ certificateId }) => s.deployment.list(certificateId),
    'deployment.history': ({ certificateId, target, limit }) => s.deployment.history(certificateId, target, limit),
    'deployment.check': ({ certificateId }) => s.deployment.check(certificateId),
    'deployment.status': () => s.deployment.status(),
    'sync.status': () => s.sync.status(),
    'sync.run': () => s.sync.run(),
    'sync.changes': ({ certificateId, limit }) => s.sync.changes(certificateId, limit),
    'sync.test': ({ provider }) => s.sync.test(provider),
    'tunnel.state': () => s.tunnel.state(),
    'tunnel.start': () => s.tunnel.start(),
    'tunnel.stop': () => s.tunnel.stop(),
    'tunnel.check': () => s.tunnel.check(),
  };
}

export function createApi(source: ApiSource): Api {
  const feed = new StoreEventFeed(source.services, source.storeEvents);
  /** Events that do not come from the store (hook test output). */
  const direct = new Set<(event: BridgeEvent) => void>();
  const push = (event: BridgeEvent) => {
    for (const listener of direct) {
      try { listener(event); } catch { /* one broken subscriber must not starve the others */ }
    }
  };
  const handlers = methodTable(source.services, push);

  const call = async <M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> =>
    (handlers[method] as (p: MethodParams<M>) => MethodResult<M> | Promise<MethodResult<M>>)(params);

  return {
    call,
    async dispatch(method, params) {
      if (!isMethodName(method)) return { ok: false, status: STATUS_BY_KIND['unknown-method'], error: `unknown method "${method}"` };
      const parsed = parseParams(method, params);
      if (!parsed.ok) return { ok: false, status: STATUS_BY_KIND.invalid, error: parsed.error };
      try {
        return { ok: true, result: await call(method, parsed.params) };
      } catch (error) {
        if (error instanceof ServiceError) return { ok: false, status: STATUS_BY_KIND[error.kind], error: error.message };
        throw error;
      }
    },
    subscribe(listener) {
      const stopFeed = feed.subscribe(listener);
      direct.add(listener);
      const stopTunnel = source.onTunnelChange?.((change) => {
        const event: BridgeEvent = change.kind === 'state' ? { event: 'tunnel', data: change.state }
          : { event: 'tunnelOutput', data: { line: change.line } };
        try { listener(event); } catch { /* one broken subscriber must not starve the others */ }
      }) ?? (() => undefined);
      const stopPause = source.services.notifications.onPauseChange((data) => {
        try { listener({ event: 'pause', data }); } catch { /* one broken subscriber must not starve the others */ }
      });
      const stopDeployment = source.services.deployment.onStatus((data) => {
        try { listener({ event: 'deploymentStatus', data }); } catch { /* one broken subscriber must not starve the others */ }
      });
      const stopSync = source.services.sync.onStatus((data) => {
        try { listener({ event: 'sync', data }); } catch { /* one broken subscriber must not starve the others */ }
      });
      return () => { stopFeed(); stopTunnel(); stopPause(); stopDeployment(); stopSync(); direct.delete(listener); };
    },
  };
}
