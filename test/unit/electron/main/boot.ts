/**
 * Boots the desktop face (electron/main) against the fake Electron, with a real core on an
 * ephemeral 127.0.0.1 port and a temp data directory. The caller's test file must mock `electron`
 * with test/fakes/electron.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, fake } from '../../../fakes/electron.ts';
import { startDesktop, type Desktop } from '../../../../electron/main/desktop.ts';
import type { Logger } from '../../../../electron/core/logger.ts';

export const SECRET = 'desktop-test-secret';

export interface Booted {
  desktop: Desktop | null;
  dataDir: string;
  appRoot: string;
  autostartDir: string;
  logs: string[];
  cleanup(): Promise<void>;
}

export async function boot(options: { config?: Record<string, unknown>; configText?: string; argv?: string[]; platform?: NodeJS.Platform;
  before?: () => void; } = {}): Promise<Booted> {
  fake.reset();
  const dir = mkdtempSync(join(tmpdir(), 'certbell-desktop-'));
  const dataDir = join(dir, 'data');
  const appRoot = join(dir, 'app');
  const autostartDir = join(dir, 'autostart');
  mkdirSync(dataDir, { mode: 0o700 });
  mkdirSync(join(appRoot, 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Certbell</title>');
  writeFileSync(join(appRoot, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'outside.txt'), 'not for the renderer');
  const config = { listener: { port: 0 }, secrets: [{ label: 'main', value: SECRET }], ...options.config };
  writeFileSync(join(dataDir, 'config.json'), options.configText ?? JSON.stringify(config), { mode: 0o600 });
  app.paths.userData = dataDir;
  app.appPath = appRoot;
  options.before?.();
  const logs: string[] = [];
  const logger: Logger = {
    info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`),
  };
  const started = startDesktop({ logger, dataDir, appRoot, argv: options.argv ?? ['--hidden'], platform: options.platform, autostart: { platform: 'linux', autostartDir, exec: '/opt/Certbell/certbell' } });
  app.becomeReady();
  const desktop = await started;
  return {
    desktop, dataDir, appRoot, autostartDir, logs,
    async cleanup() {
      if (desktop) await desktop.quit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Lets pending promise callbacks and the tray's refresh run. */
export async function settle(ms = 50): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(20);
  }
}
