import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, fake } from '../../../fakes/electron.ts';
import { desktopEntry, linuxAutostartDir, setupAutostart } from '../../../../electron/main/autostart.ts';

vi.mock('electron', () => import('../../../fakes/electron.ts'));

let dir: string;
beforeEach(() => { fake.reset(); dir = mkdtempSync(join(tmpdir(), 'certbell-autostart-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('autostart', () => {
  it('on Linux writes and removes ~/.config/autostart/certbell.desktop (XDG_CONFIG_HOME respected)', () => {
    expect(linuxAutostartDir({ XDG_CONFIG_HOME: '/x/conf' })).toBe('/x/conf/autostart');
    const autostart = setupAutostart({ platform: 'linux', autostartDir: join(dir, 'autostart'), exec: '/home/me/Apps/Certbell 1.0.AppImage' });
    expect(autostart.isEnabled()).toBe(false);
    autostart.apply(true);
    const text = readFileSync(join(dir, 'autostart', 'certbell.desktop'), 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Certbell\n/);
    expect(text).toContain('Exec="/home/me/Apps/Certbell 1.0.AppImage" --hidden');
    expect(autostart.isEnabled()).toBe(true);
    autostart.apply(false);
    expect(existsSync(join(dir, 'autostart', 'certbell.desktop'))).toBe(false);
    autostart.apply(false);
  });

  it('quotes what a desktop entry would otherwise split or expand', () => {
    expect(desktopEntry('/opt/certbell/certbell')).toContain('Exec=/opt/certbell/certbell --hidden');
    expect(desktopEntry('/opt/a "b"/$x')).toContain('Exec="/opt/a \\"b\\"/\\$x" --hidden');
  });

  it('on macOS and Windows uses login items, started hidden', () => {
    const mac = setupAutostart({ platform: 'darwin' });
    mac.apply(true);
    expect(app.loginItem).toMatchObject({ openAtLogin: true, openAsHidden: true });
    expect(mac.isEnabled()).toBe(true);
    mac.apply(false);
    expect(app.loginItem.openAtLogin).toBe(false);
    const win = setupAutostart({ platform: 'win32' });
    win.apply(true);
    expect(app.loginItem).toMatchObject({ openAtLogin: true, args: ['--hidden'] });
  });
});
