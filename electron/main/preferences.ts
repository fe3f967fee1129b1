/**
 * The desktop's own preferences — the window's size, position and last route, and "pause
 * notifications" — in electron-store, as DIR/preferences.json beside config.json. config.json stays
 * the one settings file of both faces; these are what only the tray app has. An older
 * window-state.json is taken over once, then deleted.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import { ensureDataDirSync } from '../core/config/data-dir.ts';
import type { Logger } from '../core/logger.ts';
import type { PauseStore } from '../core/notifications/pause.ts';

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  /** The hash route last shown (`#/deliveries/12`). */
  route: string;
}

export const DEFAULT_WINDOW_STATE: Readonly<WindowState> = Object.freeze({ width: 1200, height: 800, route: '#/dashboard' });

/** electron-store's file name: never "config", which is the settings file of both faces. */
export const PREFERENCES_NAME = 'preferences';
/** The file the desktop kept its window in before electron-store. */
export const LEGACY_WINDOW_STATE = 'window-state.json';

interface Stored {
  window: WindowState;
  /** ISO 8601, or null. */
  pausedUntil: string | null;
}

/** The part the shell keeps: get and set one key. electron-store, or memory where it cannot start. */
type KeyValue = { get<K extends keyof Stored>(key: K): unknown; set<K extends keyof Stored>(key: K, value: Stored[K]): void };

const isInt = (v: unknown): v is number => Number.isInteger(v);

/** Whatever was stored (by hand, by an older version): what is sound of it, the rest the defaults. */
export function windowStateFrom(raw: unknown): WindowState {
  const state: WindowState = { ...DEFAULT_WINDOW_STATE };
  if (raw === null || typeof raw !== 'object') return state;
  const r = raw as Record<string, unknown>;
  if (isInt(r.width) && r.width >= 400) state.width = r.width;
  if (isInt(r.height) && r.height >= 300) state.height = r.height;
  if (isInt(r.x) && isInt(r.y)) { state.x = r.x; state.y = r.y; }
  if (typeof r.route === 'string' && /^#\/[\w./%-]*$/.test(r.route)) state.route = r.route;
  return state;
}

function pauseFrom(raw: unknown): number | null {
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

export interface Preferences {
  windowState(): WindowState;
  saveWindowState(state: WindowState): void;
  /** The tray app's pause, as the core keeps it (CoreOptions.pause): applied at start, saved on each change. */
  readonly pause: PauseStore;
}

function memoryStore(): KeyValue {
  const values = new Map<keyof Stored, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => { values.set(key, value); } };
}

function openStore(dataDir: string, logger: Logger): KeyValue {
  try {
    // Made here (mode 0700) when this is the first start, not by electron-store with the umask's mode.
    ensureDataDirSync(dataDir);
    return new Store<Stored>({ cwd: dataDir, name: PREFERENCES_NAME, configFileMode: 0o600, clearInvalidConfig: true,
      defaults: { window: { ...DEFAULT_WINDOW_STATE }, pausedUntil: null } });
  } catch (error) {
    // Convenience, not data worth refusing to start for: this run keeps them in memory.
    logger.error(`preferences: cannot open ${join(dataDir, `${PREFERENCES_NAME}.json`)}: ${(error as Error).message}`);
    return memoryStore();
  }
}

/** Takes over window-state.json (read once, stored, deleted). */
function migrateWindowState(dataDir: string, store: KeyValue, logger: Logger): void {
  const legacy = join(dataDir, LEGACY_WINDOW_STATE);
  let text: string;
  try { text = readFileSync(legacy, 'utf8'); } catch { return; }
  let raw: unknown = null;
  try { raw = JSON.parse(text); } catch { /* damaged: the defaults, and the file goes all the same */ }
  try {
    store.set('window', windowStateFrom(raw));
    rmSync(legacy, { force: true });
    logger.info(`preferences: took over ${LEGACY_WINDOW_STATE} into ${PREFERENCES_NAME}.json`);
  } catch (error) {
    logger.warn(`preferences: cannot take over ${LEGACY_WINDOW_STATE}: ${(error as Error).message}`);
  }
}

export function setupPreferences(options: { dataDir: string; logger: Logger }): Preferences {
  const { logger } = options;
  const store = openStore(options.dataDir, logger);
  migrateWindowState(options.dataDir, store, logger);
  const save = <K extends keyof Stored>(key: K, value: Stored[K]) => {
    try { store.set(key, value); } catch (error) { logger.warn(`preferences: cannot save ${key}: ${(error as Error).message}`); }
  };
  // What this run decided stays in force even when the file cannot be written.
  let pausedUntil = pauseFrom(store.get('pausedUntil'));
  return {
    windowState: () => windowStateFrom(store.get('window')),
    saveWindowState: (state) => save('window', windowStateFrom(state)),
    pause: {
      read: () => pausedUntil,
      write: (until) => {
        pausedUntil = until;
        save('pausedUntil', until === null ? null : new Date(until).toISOString());
      },
    },
  };
}
