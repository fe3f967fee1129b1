/**
 * The preload: exposes exactly the bridge (call a contract method, receive pushed events) as
 * `window.certbell`, never `ipcRenderer` itself. Sandboxed preloads are CommonJS and may require
 * only `electron`, so this file stands alone; main validates the method, the params and the sender.
 */
import type { BridgeEvent } from '../../shared/bridge/index.ts';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is a CommonJS script
const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');

const PREFIX = 'certbell:';
const METHOD = /^[a-z]+(\.[a-zA-Z]+)?$/;

contextBridge.exposeInMainWorld('certbell', {
  /** Resolves to `{ok: true, result}` or `{ok: false, status, error}`, as main answers. */
  call(method: unknown, params: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !METHOD.test(method)) return Promise.reject(new Error('not a bridge method'));
    return ipcRenderer.invoke(`${PREFIX}${method}`, params);
  },
  /** Pushed events; returns the function that stops them. */
  onEvent(listener: unknown): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const forward = (_event: unknown, data: BridgeEvent) => (listener as (e: BridgeEvent) => void)(data);
    ipcRenderer.on(`${PREFIX}event`, forward);
    return () => { ipcRenderer.removeListener(`${PREFIX}event`, forward); };
  },
});
