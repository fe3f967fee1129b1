/**
 * Start at login, as the `desktop.autostart` setting says: login items on macOS and Windows, an
 * XDG autostart entry (`~/.config/autostart/certbell.desktop`) on Linux, where Electron has none.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';

export interface AutostartOptions {
  platform?: NodeJS.Platform;
  /** Linux: the autostart folder (default `$XDG_CONFIG_HOME/autostart`). */
  autostartDir?: string;
  /** The command that starts the app (default: the AppImage when packaged as one, else the executable). */
  exec?: string;
}

export function linuxAutostartDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
}

/** Desktop Entry values escape spaces and quotes by quoting the whole argument. */
function quoteExec(path: string): string {
  return /[\s"'\\$`]/.test(path) ? `"${path.replace(/(["\\$`])/g, '\\$1')}"` : path;
}

export function desktopEntry(exec: string): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Certbell', 'Comment=Openprovider SSL Panel webhooks in your tray',
    `Exec=${quoteExec(exec)} --hidden`, 'Icon=certbell', 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

export interface Autostart {
  apply(enabled: boolean): void;
  isEnabled(): boolean;
}

export function setupAutostart(options: AutostartOptions = {}): Autostart {
  const platform = options.platform ?? process.platform;
  if (platform === 'linux') {
    const file = join(options.autostartDir ?? linuxAutostartDir(), 'certbell.desktop');
    // An AppImage's executable lives in a temporary mount; APPIMAGE is the file that stays.
    const exec = options.exec ?? process.env.APPIMAGE ?? process.execPath;
    return {
      apply(enabled) {
        if (!enabled) { rmSync(file, { force: true }); return; }
        const entry = desktopEntry(exec);
        let current: string | null = null;
        try { current = readFileSync(file, 'utf8'); } catch { /* not there yet */ }
        if (current === entry) return;
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, entry, { mode: 0o644 });
      },
      isEnabled() {
        try { readFileSync(file); return true; } catch { return false; }
      },
    };
  }
  return {
    apply(enabled) {
      if (app.getLoginItemSettings().openAtLogin === enabled) return;
      app.setLoginItemSettings({ openAtLogin: enabled, ...(platform === 'darwin' ? { openAsHidden: true } : { args: ['--hidden'] }) });
    },
    isEnabled: () => app.getLoginItemSettings().openAtLogin,
  };
}
