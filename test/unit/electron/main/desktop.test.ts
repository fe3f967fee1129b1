import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, fake } from '../../../fakes/electron.ts';
import { boot, settle, until, type Booted } from './boot.ts';

vi.mock('electron', () => import('../../../fakes/electron.ts'));

let booted: Booted | null = null;
afterEach(async () => { await booted?.cleanup(); booted = null; });

describe('desktop start-up', () => {
  it('starts the core on the configured listener, with a tray and no window when started hidden', async () => {
    booted = await boot();
    expect(booted.desktop).not.toBeNull();
    expect(booted.desktop!.core.webhookUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    expect(fake.trays).toHaveLength(1);
    expect(fake.windows).toHaveLength(0);
    expect(app.sandboxed).toBe(true);
    expect(fake.protocolHandlers.has('app')).toBe(true);
  });

  it('opens the window at start when not started hidden (a user launching it wants to see it)', async () => {
    booted = await boot({ argv: [] });
    expect(fake.windows).toHaveLength(1);
  });

  it('stays in the tray when macOS opened it as a login item (which cannot pass --hidden)', async () => {
    booted = await boot({ argv: [], platform: 'darwin', before: () => { app.loginItem.wasOpenedAtLogin = true; } });
    expect(fake.trays).toHaveLength(1);
    expect(fake.windows).toHaveLength(0);
  });

  it('a second launch (the single-instance lock is taken) quits without a core, tray or window', async () => {
    booted = await boot({ before: () => { app.secondInstance = true; } });
    expect(booted.desktop).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(fake.trays).toHaveLength(0);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('the first instance focuses its window when a second launch is reported', async () => {
    booted = await boot();
    app.launchSecondInstance(['certbell']);
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0].isVisible() || fake.windows[0].options.show === false).toBe(true);
    await settle();
    expect(fake.windows[0].isVisible()).toBe(true);
    app.launchSecondInstance(['certbell']);
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0].focused).toBe(true);
  });

  it('an invalid config.json is a dialog that names the error, and the app exits 1 instead of crashing', async () => {
    booted = await boot({ config: { listener: { port: 'seven' } } });
    expect(booted.desktop).toBeNull();
    expect(dialog.errorBoxes).toHaveLength(1);
    expect(dialog.errorBoxes[0].title).toMatch(/config\.json is invalid/);
    expect(dialog.errorBoxes[0].content).toContain('listener.port');
    expect(app.exitCode).toBe(1);
  });

  it('a taken listener port is a dialog that says so and what to change', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      booted = await boot({ config: { listener: { port } } });
      expect(booted.desktop).toBeNull();
      expect(dialog.errorBoxes[0].title).toMatch(/port is in use/);
      expect(dialog.errorBoxes[0].content).toContain(String(port));
      expect(dialog.errorBoxes[0].content).toContain('listener.port');
      expect(app.exitCode).toBe(1);
    } finally {
      blocker.close();
    }
  });

  it('quitting stops the core (the listener closes) and destroys the tray', async () => {
    booted = await boot();
    const url = booted.desktop!.core.webhookUrl();
    app.quit();
    await until(() => app.exitCode !== null, 'the app to exit');
    expect(app.exitCode).toBe(0);
    expect(fake.trays[0].destroyed).toBe(true);
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('applies desktop.autostart: an XDG autostart entry on Linux, removed when switched off', async () => {
    booted = await boot({ config: { desktop: { autostart: true } } });
    const entry = join(booted.autostartDir, 'certbell.desktop');
    expect(readFileSync(entry, 'utf8')).toContain('Exec=/opt/Certbell/certbell --hidden');
    const result = await booted.desktop!.api.call('settings.save', { config: { listener: { port: 0 }, secrets: [{ label: 'main', keep: true }], desktop: { autostart: false } } });
    expect(result.saved).toBe(true);
    await until(() => !existsSync(entry), 'the autostart entry to go');
  });
});
