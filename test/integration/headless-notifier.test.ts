/** The headless face's notifier: without a session bus, history only, and dbus-next is never loaded. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NO_NOTIFIER } from '../../electron/core/notifications/notifier.ts';

const MODULE = pathToFileURL(resolve(import.meta.dirname, '../../electron/headless/headless-notifier.ts')).href;

describe('headless notifier', () => {
  it('without DBUS_SESSION_BUS_ADDRESS: warns once, records history only, and does not load dbus-next', () => {
    // A child process of its own, so what it loaded is its own doing.
    const script = `
      import { registerHooks } from 'node:module';
      const loaded = [];
      registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
      const { headlessNotifier } = await import(${JSON.stringify(MODULE)});
      const warnings = [];
      const logger = { info() {}, debug() {}, error() {}, warn: (text) => warnings.push(text) };
      const notifier = await headlessNotifier(logger, {});
      console.log(JSON.stringify({ name: notifier.name, warnings, dbus: loaded.filter((u) => u.includes('dbus')) }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' } });
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout) as { name: string; warnings: string[]; dbus: string[] };
    expect(out.warnings).toEqual(['notifications: no desktop notifications (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set); recording history only']);
    expect(out.name).toBe(NO_NOTIFIER);
    expect(out.dbus).toEqual([]);
  });
});
