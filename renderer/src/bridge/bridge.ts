/**
 * The bridge the views use: over IPC in the desktop app (the preload exposed `window.certbell`),
 * over HTTP and Server-Sent Events in the headless face's browser page.
 */
import type { BridgeEvent, MethodName, MethodParams, MethodResult } from '../../../shared/bridge/index.ts';
import * as http from './http-transport.ts';
import { ipcTransport, type CertbellPreload, type IpcTransport } from './ipc-transport.ts';

export type { ConnectionState, EventSubscription } from './http-transport.ts';

export function pickTransport(host: { certbell?: CertbellPreload }): IpcTransport {
  return host.certbell ? ipcTransport(host.certbell) : { call: http.call, subscribe: http.subscribe };
}

const transport = pickTransport(globalThis as { certbell?: CertbellPreload });

/** Whether this page runs in the desktop app (settings only it applies, such as autostart). */
export const isDesktop = Boolean((globalThis as { certbell?: unknown }).certbell);

export function call<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<MethodResult<M>> {
  return transport.call(method, params);
}

export function subscribe(listener: (event: BridgeEvent) => void, onState?: (state: http.ConnectionState) => void): http.EventSubscription {
  return transport.subscribe(listener, onState);
}
