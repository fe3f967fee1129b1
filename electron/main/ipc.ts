/**
 * The bridge over IPC: one `ipcMain.handle` per contract method on the `certbell:` channel
 * prefix, each a thin layer over `api.dispatch` (which validates the params against the
 * contract's schemas), exactly as the HTTP transport is. Only our window's top frame is answered;
 * pushed events go to the window while it is open.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, type BridgeReply } from '../../shared/bridge/index.ts';
import type { Api } from '../core/api/create-api.ts';
import type { Logger } from '../core/logger.ts';
import type { MainWindow } from './window.ts';

export const CHANNEL_PREFIX = 'certbell:';
export const EVENT_CHANNEL = `${CHANNEL_PREFIX}event`;

export interface Ipc {
  /** Starts forwarding pushed events to a newly opened window. */
  attach(window: BrowserWindow): void;
  stop(): void;
}

export function setupIpc(options: { api: Api; window: MainWindow; logger: Logger }): Ipc {
  const { api, window, logger } = options;
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`${CHANNEL_PREFIX}${method}`, async (event: IpcMainInvokeEvent, params: unknown): Promise<BridgeReply> => {
      if (!window.isTrusted(event.sender, event.senderFrame)) {
        logger.warn(`ipc: refused ${method} from a sender that is not the Certbell window`);
        return { ok: false, status: 403, error: `${method}: refused (not the Certbell window)` };
      }
      try {
        const outcome = await api.dispatch(method, params);
        return outcome;
      } catch (error) {
        logger.error(`ipc: ${method} failed: ${(error as Error).stack ?? (error as Error).message}`);
        return { ok: false, status: 500, error: `${method} failed: ${(error as Error).message}` };
      }
    });
  }
  const unsubscribers = new Set<() => void>();
  return {
    attach(win) {
      const unsubscribe = api.subscribe((event) => {
        if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
      });
      unsubscribers.add(unsubscribe);
      win.on('closed', () => { unsubscribe(); unsubscribers.delete(unsubscribe); });
    },
    stop() {
      for (const method of METHOD_NAMES) ipcMain.removeHandler(`${CHANNEL_PREFIX}${method}`);
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers.clear();
    },
  };
}
