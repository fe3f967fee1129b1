/**
 * Runs the real preload (electron/preload/index.cts) as a sandboxed renderer would: a CommonJS
 * script whose `require('electron')` gives contextBridge and ipcRenderer, here wired to the fake
 * main process (`fake.invoke`) for one window's web contents. Returns what the page would see.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { fake, type FakeFrame, type FakeWebContents } from './electron.ts';

const PRELOAD = new URL('../../electron/preload/index.cts', import.meta.url);

export interface PreloadWorld {
  /** `window` as the page sees it: only what the preload exposed. */
  exposed: Record<string, unknown>;
  /** Every module the preload asked `require` for. */
  required: string[];
}

export function runPreload(webContents: FakeWebContents, frame?: FakeFrame): PreloadWorld {
  const source = ts.transpileModule(readFileSync(PRELOAD, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => fake.invoke(channel, { webContents, frame }, ...args),
    on(channel: string, listener: (...args: unknown[]) => void) {
      let set = webContents.rendererListeners.get(channel);
      if (!set) webContents.rendererListeners.set(channel, set = new Set());
      set.add(listener);
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      webContents.rendererListeners.get(channel)?.delete(listener);
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      exposed[key] = api;
    },
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`module not found: ${name}`); // a sandboxed preload gets electron and little else
    return { contextBridge, ipcRenderer };
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', source)(sandboxRequire, module, module.exports);
  return { exposed, required };
}
