import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app, fake, shell } from '../../../fakes/electron.ts';
import { boot, settle, type Booted } from './boot.ts';

vi.mock('electron', () => import('../../../fakes/electron.ts'));

let booted: Booted | null = null;
afterEach(async () => { await booted?.cleanup(); booted = null; });

async function openWindow(route?: string) {
  booted = await boot();
  booted.desktop!.window.open(route);
  await settle(10);
  return fake.windows.at(-1)!;
}

describe('the window', () => {
  it('is sandboxed and isolated, without Node, with our preload only', async () => {
    const win = await openWindow();
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false,
      webviewTag: false });
    expect(win.options.webPreferences.preload).toBe(join(booted!.appRoot, 'dist', 'electron', 'preload', 'index.cjs'));
  });

  it('loads the renderer from app://certbell (not file://), at the requested route, and shows when ready', async () => {
    const win = await openWindow('#/certificates/cert-1');
    expect(win.loaded).toEqual(['app://certbell/index.html#/certificates/cert-1']);
    expect(win.isVisible()).toBe(true);
  });

  it('denies new windows, sending http(s) links to the browser and nothing else', async () => {
    const win = await openWindow();
    expect(win.webContents.openWindow('https://www.openprovider.com/')).toEqual({ action: 'deny' });
    expect(win.webContents.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(win.webContents.openWindow('smb://host/share')).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://www.openprovider.com/']);
    expect(fake.windows).toHaveLength(1);
  });

  it('denies navigation away from the app, even to our own origin', async () => {
    const win = await openWindow();
    expect(win.webContents.navigate('https://evil.example/')).toBe(false);
    expect(win.webContents.navigate('app://certbell/other.html')).toBe(false);
    expect(win.webContents.navigate('javascript:alert(1)')).toBe(false);
    expect(win.webContents.getURL()).toBe('app://certbell/index.html#/dashboard');
    expect(shell.opened).toEqual(['https://evil.example/']);
  });

  it('denies every permission request and check', async () => {
    const win = await openWindow();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      await expect(win.webContents.requestPermission(permission)).resolves.toBe(false);
    }
    expect(win.webContents.session.permissionCheckHandler!(win.webContents, 'media', 'app://certbell', {})).toBe(false);
  });

  it('is destroyed on close (no hidden renderer left), and the next open creates a new one', async () => {
    const win = await openWindow();
    win.close();
    expect(win.isDestroyed()).toBe(true);
    expect(booted!.desktop!.window.current()).toBeNull();
    booted!.desktop!.window.open();
    expect(fake.windows).toHaveLength(2);
    expect(fake.windows[1]).not.toBe(win);
  });

  it('remembers size, position and the last route across openings', async () => {
    const win = await openWindow('#/deliveries/7');
    win.setBounds({ x: 40, y: 50, width: 1000, height: 700 });
    win.close();
    const saved = JSON.parse(readFileSync(join(booted!.dataDir, 'preferences.json'), 'utf8'));
    expect(saved.window).toEqual({ x: 40, y: 50, width: 1000, height: 700, route: '#/deliveries/7' });
    booted!.desktop!.window.open();
    const next = fake.windows.at(-1)!;
    expect(next.options).toMatchObject({ x: 40, y: 50, width: 1000, height: 700 });
    expect(next.loaded[0]).toBe('app://certbell/index.html#/deliveries/7');
  });

  it('opens where an older version left it (window-state.json, taken over into preferences.json)', async () => {
    booted = await boot({ before: () => writeFileSync(join(app.paths.userData, 'window-state.json'),
      JSON.stringify({ x: 5, y: 6, width: 900, height: 640, route: '#/hooks' })) });
    expect(existsSync(join(booted.dataDir, 'window-state.json'))).toBe(false);
    booted.desktop!.window.open();
    await settle(10);
    expect(fake.windows[0].options).toMatchObject({ x: 5, y: 6, width: 900, height: 640 });
    expect(fake.windows[0].loaded[0]).toBe('app://certbell/index.html#/hooks');
  });

  it('opening at a route while open moves the window there and focuses it', async () => {
    const win = await openWindow();
    win.minimize();
    booted!.desktop!.window.open('#/notifications');
    expect(fake.windows).toHaveLength(1);
    expect(win.loaded.at(-1)).toBe('app://certbell/index.html#/notifications');
    expect(win.isMinimized()).toBe(false);
    expect(win.focused).toBe(true);
  });
});

describe('the app:// protocol', () => {
  const get = (url: string, method = 'GET') => fake.protocolHandlers.get('app')!(new Request(url, { method }));

  it('serves the built renderer with a strict Content-Security-Policy', async () => {
    booted = await boot();
    const res = await get('app://certbell/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'; script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(await res.text()).toContain('<title>Certbell</title>');
    expect((await get('app://certbell/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers nothing outside the renderer folder, on another host, or for other methods', async () => {
    booted = await boot();
    expect((await get('app://certbell/../outside.txt')).status).toBe(404);
    expect((await get('app://certbell/%2e%2e/outside.txt')).status).toBe(404);
    expect((await get('app://certbell/..%2Foutside.txt')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://certbell/missing.js')).status).toBe(404);
    expect((await get('app://certbell/index.html', 'POST')).status).toBe(405);
  });

  it('is registered as a standard, secure scheme before the app is ready', async () => {
    booted = await boot();
    const { protocol } = await import('../../../fakes/electron.ts');
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });
});
