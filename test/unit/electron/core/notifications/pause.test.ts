// "Pause notifications" is the core's decision: what arrives while paused is kept in the history as
// not shown, for `paused`, and nothing pops up; after the pause it shows again. The headless face
// keeps the pause in DIR/pause.json, so a pause written by another process counts at once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../../electron/core/logger.ts';
import { NotificationCenter } from '../../../../../electron/core/notifications/notification-center.ts';
import type { Notifier } from '../../../../../electron/core/notifications/notifier.ts';
import { memoryPause, type PauseStore } from '../../../../../electron/core/notifications/pause.ts';
import { PauseFile, pauseFile, readPauseFileSync, writePauseFileSync } from '../../../../../electron/core/notifications/pause-file.ts';
import type { NewNotification } from '../../../../../electron/core/store/delivery-types.ts';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../../shared/notify/index.ts';
import type { NotificationDecision, NotificationSettings, ShownNotification } from '../../../../../shared/notify/types.ts';

const HOUR = 3_600_000;
const PAUSE_FILE_MODULE = pathToFileURL(join(import.meta.dirname, '../../../../../electron/core/notifications/pause-file.ts')).href;

const issued = (n: number): NotificationDecision => ({ kind: 'issued', title: `Certificate issued ${n}`, body: 'b', urgency: 'normal',
  certificateId: `c${n}`, deliveryId: `d${n}`, commonName: `${n}.example.org` });

let dir: string;
let clock: number;
let shown: ShownNotification[];
let rows: NewNotification[];
const centers: NotificationCenter[] = [];
const logger: Logger = { info() {}, warn() {}, error() {} };

function center(pause: PauseStore, now = () => clock): NotificationCenter {
  const notifier: Notifier = { name: 'recording', onClick() {}, async close() {}, async show(n) { shown.push(n); } };
  const made = new NotificationCenter({ settings: () => DEFAULT_NOTIFICATION_SETTINGS as NotificationSettings, notifier: () => notifier,
    now, logger, record: async (r) => { rows.push(...r); }, coalesceMs: 5, pause });
  centers.push(made);
  return made;
}

/** Raises one notification and waits past the coalescing window: what the history says, and whether it popped up. */
async function raise(c: NotificationCenter, n: number): Promise<{ row: string; popped: boolean }> {
  const before = shown.length;
  await c.raise([issued(n)]);
  await c.flush();
  const row = rows.at(-1)!;
  return { row: row.shown ? 'shown' : `not shown: ${row.reason}`, popped: shown.length > before };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'certbell-pause-'));
  clock = Date.parse('2026-06-01T12:00:00Z');
  shown = [];
  rows = [];
});

afterEach(async () => {
  for (const c of centers.splice(0)) await c.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('pausing the notification center', () => {
  it('records what arrives while paused as not shown, for paused, shows nothing, and shows again once the pause ran out', async () => {
    const c = center(memoryPause());
    expect(await raise(c, 1)).toEqual({ row: 'shown', popped: true });
    expect(c.pause(clock + HOUR)).toBe(clock + HOUR);
    expect(await raise(c, 2)).toEqual({ row: 'not shown: paused', popped: false });
    clock += HOUR - 1;
    expect(await raise(c, 3)).toEqual({ row: 'not shown: paused', popped: false });
    clock += 1;
    expect(c.pausedUntil()).toBeNull();
    expect(await raise(c, 4)).toEqual({ row: 'shown', popped: true });
  });

  it('resumes at once, and takes a pause "until" an instant already past as a resume', async () => {
    const c = center(memoryPause());
    c.pause(clock + HOUR);
    expect(c.pause(null)).toBeNull();
    expect(await raise(c, 1)).toEqual({ row: 'shown', popped: true });
    expect(c.pause(clock - 1)).toBeNull();
    expect(await raise(c, 2)).toEqual({ row: 'shown', popped: true });
  });

  it('keeps the settings\' reasons first: a switched-off kind stays kind-off while paused', async () => {
    const c = new NotificationCenter({ settings: () => ({ ...DEFAULT_NOTIFICATION_SETTINGS, kinds: { ...DEFAULT_NOTIFICATION_SETTINGS.kinds, issued: false } }),
      notifier: () => ({ name: 'recording', onClick() {}, async close() {}, async show(n) { shown.push(n); } }),
      now: () => clock, logger, record: async (r) => { rows.push(...r); }, pause: memoryPause(clock + HOUR) });
    centers.push(c);
    expect(await raise(c, 1)).toEqual({ row: 'not shown: kind-off', popped: false });
  });

  it('tells its listeners of a pause, a resume, and the end of a pause', async () => {
    const c = center(memoryPause(), Date.now);
    const told: Array<number | null> = [];
    const stop = c.onPauseChange((until) => told.push(until));
    const first = Date.now() + HOUR;
    c.pause(first);
    c.pause(first); // the same pause again is no change
    c.pause(null);
    expect(told).toEqual([first, null]);
    const short = Date.now() + 100;
    c.pause(short);
    await new Promise((r) => setTimeout(r, 300));
    expect(told).toEqual([first, null, short, null]);
    stop();
  });
});

describe('pause.json: the headless face\'s pause, shared between processes', () => {
  it('is written whole, owner-only, and removed on resume; a damaged file is no pause', () => {
    writePauseFileSync(dir, clock + HOUR, clock);
    expect(JSON.parse(readFileSync(pauseFile(dir), 'utf8'))).toEqual({ pausedUntil: '2026-06-01T13:00:00.000Z', updatedAt: '2026-06-01T12:00:00.000Z' });
    expect(statSync(pauseFile(dir)).mode & 0o777).toBe(0o600);
    expect(readPauseFileSync(dir)).toBe(clock + HOUR);
    writePauseFileSync(dir, null);
    expect(existsSync(pauseFile(dir))).toBe(false);
    expect(readPauseFileSync(dir)).toBeNull();
    writeFileSync(pauseFile(dir), '{"pausedUntil": "soon"');
    expect(readPauseFileSync(dir)).toBeNull();
    writeFileSync(pauseFile(dir), '{"pausedUntil": "tomorrow"}');
    expect(readPauseFileSync(dir)).toBeNull();
  });

  it('a pause one center writes holds for a second center on the same data directory, and so does the resume', async () => {
    const one = center(new PauseFile(dir));
    const two = center(new PauseFile(dir));
    expect(await raise(two, 1)).toEqual({ row: 'shown', popped: true });
    one.pause(clock + HOUR);
    expect(await raise(two, 2)).toEqual({ row: 'not shown: paused', popped: false });
    one.pause(null);
    expect(await raise(two, 3)).toEqual({ row: 'shown', popped: true });
  });

  it('a pause written by another process counts for the very next notification, and its watcher is told', async () => {
    const c = center(new PauseFile(dir), Date.now);
    const told: Array<number | null> = [];
    c.onPauseChange((until) => told.push(until));
    const until = Date.now() + HOUR;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e',
      `const m = await import(${JSON.stringify(PAUSE_FILE_MODULE)}); m.writePauseFileSync(${JSON.stringify(dir)}, ${until});`], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(await raise(c, 1)).toEqual({ row: 'not shown: paused', popped: false });
    const deadline = Date.now() + 3000;
    while (told.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(told).toEqual([until]);
    const resumed = spawnSync(process.execPath, ['--input-type=module', '-e',
      `const m = await import(${JSON.stringify(PAUSE_FILE_MODULE)}); m.writePauseFileSync(${JSON.stringify(dir)}, null);`], { encoding: 'utf8' });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(await raise(c, 2)).toEqual({ row: 'shown', popped: true });
  });
});
