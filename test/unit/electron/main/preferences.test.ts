// The desktop's own preferences (window, last route, pause) in the real electron-store, as
// DIR/preferences.json beside config.json; an older window-state.json is taken over once.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../../electron/core/logger.ts';
import { DEFAULT_WINDOW_STATE, setupPreferences } from '../../../../electron/main/preferences.ts';

vi.mock('electron', () => import('../../../fakes/electron.ts'));

let dir: string;
let dataDir: string;
let logs: string[];
const logger: Logger = { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) };
const open = () => setupPreferences({ dataDir, logger });
const file = (name: string) => join(dataDir, name);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'certbell-prefs-'));
  dataDir = join(dir, 'data');
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('desktop preferences', () => {
  it('start with the default window, no pause, and make the data directory owner-only', () => {
    const prefs = open();
    expect(prefs.windowState()).toEqual(DEFAULT_WINDOW_STATE);
    expect(prefs.pause.read()).toBeNull();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('keep the window and the pause across restarts, in preferences.json (owner-only), never in config.json', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file('config.json'), '{"listener":{"port":7413}}\n');
    const until = Date.parse('2026-06-01T13:00:00Z');
    const first = open();
    first.saveWindowState({ width: 1000, height: 700, x: 40, y: 50, route: '#/deliveries/7' });
    first.pause.write(until);
    const next = open();
    expect(next.windowState()).toEqual({ width: 1000, height: 700, x: 40, y: 50, route: '#/deliveries/7' });
    expect(next.pause.read()).toBe(until);
    expect(JSON.parse(readFileSync(file('preferences.json'), 'utf8'))).toMatchObject({ pausedUntil: '2026-06-01T13:00:00.000Z' });
    expect(statSync(file('preferences.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(file('config.json'), 'utf8')).toBe('{"listener":{"port":7413}}\n');
    next.pause.write(null);
    expect(open().pause.read()).toBeNull();
  });

  it('take over an older window-state.json once, and delete it', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file('window-state.json'), JSON.stringify({ width: 900, height: 600, x: 10, y: 20, route: '#/certificates/c-1' }));
    expect(open().windowState()).toEqual({ width: 900, height: 600, x: 10, y: 20, route: '#/certificates/c-1' });
    expect(existsSync(file('window-state.json'))).toBe(false);
    expect(logs).toContain('info preferences: took over window-state.json into preferences.json');
    expect(open().windowState()).toEqual({ width: 900, height: 600, x: 10, y: 20, route: '#/certificates/c-1' });
  });

  it('keep only what is sound of a damaged or hand-edited state: too small, odd routes and broken files give the defaults', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file('window-state.json'), JSON.stringify({ width: 100, height: 650, x: 5, route: 'https://evil.example/' }));
    expect(open().windowState()).toEqual({ ...DEFAULT_WINDOW_STATE, height: 650 });
    writeFileSync(file('window-state.json'), '{"width": 9');
    expect(open().windowState()).toEqual(DEFAULT_WINDOW_STATE);
    expect(existsSync(file('window-state.json'))).toBe(false);
    writeFileSync(file('preferences.json'), '{ not json');
    const prefs = open();
    expect(prefs.windowState()).toEqual(DEFAULT_WINDOW_STATE);
    expect(prefs.pause.read()).toBeNull();
  });

  it('still work for this run, in memory, where the data directory cannot hold them', () => {
    writeFileSync(join(dir, 'file'), 'in the way');
    dataDir = join(dir, 'file');
    const prefs = open();
    expect(logs.some((l) => /^error preferences: cannot open .*preferences\.json: the data directory .* is not usable/.test(l))).toBe(true);
    prefs.pause.write(Date.parse('2026-06-01T13:00:00Z'));
    expect(prefs.pause.read()).toBe(Date.parse('2026-06-01T13:00:00Z'));
    prefs.saveWindowState({ width: 800, height: 600, route: '#/hooks' });
    expect(prefs.windowState()).toEqual({ width: 800, height: 600, route: '#/hooks' });
  });
});
