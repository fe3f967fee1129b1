/**
 * The bridge over IPC, in the desktop app: the preload exposes `window.certbell` (a call and an
 * event stream, nothing else of Electron). Replies carry the same statuses as the HTTP transport,
 * so the views handle errors the same way in both faces.
 */
import type { BridgeEvent, BridgeReply, MethodName, MethodParams, MethodResult } from '../../../shared/bridge/index.ts';
import { BridgeError } from './bridge-error.ts';
import type { ConnectionState, EventSubscription } from './http-transport.ts';

/** What the preload exposes (electron/preload/index.cts). */
export interface CertbellPreload {
  call(method: string, params: unknown): Promise<unknown>;
  onEvent(listener: (event: BridgeEvent) => void): () => void;
}

export interface IpcTransport {
  call<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<MethodResult<M>>;
  subscribe(listener: (event: BridgeEvent) => void, onState?: (state: ConnectionState) => void): EventSubscription;
}

export function ipcTransport(certbell: CertbellPreload): IpcTransport {
  return {
    async call(method, params) {
      let reply: BridgeReply;
      try {
        reply = await certbell.call(method, params ?? {}) as BridgeReply;
      } catch (error) {
        throw new BridgeError(method, 0, `${method}: the Certbell app did not answer (${(error as Error).message})`);
      }
      if (!reply.ok) throw new BridgeError(method, reply.status, reply.error.startsWith(`${method}`) ? reply.error : `${method}: ${reply.error}`);
      return reply.result as MethodResult<typeof method>;
    },
    subscribe(listener, onState) {
      // IPC has no connection to lose: events flow as long as the window exists.
      const stop = certbell.onEvent(listener);
      onState?.('open');
      return { close: stop };
    },
  };
}
