/** The window's size, position and last route, kept in `window-state.json` beside config.json. */
import { readFileSync, writeFileSync } from 'node:fs';

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  /** The hash route last shown (`#/deliveries/12`). */
  route: string;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, route: '#/dashboard' };

const isInt = (v: unknown): v is number => Number.isInteger(v);

/** A missing or damaged file gives the defaults: this is convenience, not data worth refusing to start for. */
export function readWindowStateSync(file: string): WindowState {
  let raw: Record<string, unknown>;
  try { raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>; } catch { return { ...DEFAULT_WINDOW_STATE }; }
  const state: WindowState = { ...DEFAULT_WINDOW_STATE };
  if (isInt(raw.width) && raw.width >= 400) state.width = raw.width;
  if (isInt(raw.height) && raw.height >= 300) state.height = raw.height;
  if (isInt(raw.x) && isInt(raw.y)) { state.x = raw.x; state.y = raw.y; }
  if (typeof raw.route === 'string' && /^#\/[\w./%-]*$/.test(raw.route)) state.route = raw.route;
  return state;
}

export function writeWindowStateSync(file: string, state: WindowState): void {
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
