/**
 * A faithful fake of the part of the Electron API the shell uses (the binary cannot be
 * downloaded here). Mocked in as `electron` with `vi.mock('electron', () => import(...))`; every
 * object it creates is recorded in `fake`, so tests can see and drive trays, menus, windows,
 * web contents, notifications, protocol and IPC handlers, app events, safeStorage and utility
 * processes (real Node children, see electron-utility.ts).
 * Behaviour follows Electron's documentation: e.g. a closed window is destroyed and emits
 * 'closed', `requestSingleInstanceLock` is false for the second process, `safeStorage` refuses
 * to work before the app is ready.
 */
import { EventEmitter } from 'node:events';
import { BrowserWindow, windows, type FakeFrame, type FakeWebContents } from './electron-window.ts';
import { createUtilityProcess, FakeUtilityProcess, utilityProcesses } from './electron-utility.ts';

type Handler = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled: boolean;
  click?: Handler;
  submenu?: FakeMenu;
}

export class FakeMenu {
  readonly items: FakeMenuItem[];
  constructor(items: FakeMenuItem[]) { this.items = items; }

  static buildFromTemplate(template: Array<Record<string, unknown>>): FakeMenu {
    return new FakeMenu(template.map((t) => ({
      label: t.label as string | undefined, type: (t.type as string | undefined) ?? (t.submenu ? 'submenu' : 'normal'),
      enabled: t.enabled !== false, click: t.click as Handler | undefined,
      submenu: t.submenu ? FakeMenu.buildFromTemplate(t.submenu as Array<Record<string, unknown>>) : undefined,
    })));
  }

  /** The item with this label (searching submenus too); clicking a disabled item does nothing, as in Electron. */
  item(label: string | RegExp): FakeMenuItem {
    const found = this.find(label);
    if (!found) throw new Error(`no menu item ${String(label)} in [${this.labels().join(', ')}]`);
    return found;
  }

  find(label: string | RegExp): FakeMenuItem | undefined {
    for (const item of this.items) {
      if (item.label !== undefined && (typeof label === 'string' ? item.label === label : label.test(item.label))) return item;
      const inner = item.submenu?.find(label);
      if (inner) return inner;
    }
    return undefined;
  }

  labels(): string[] {
    return this.items.filter((i) => i.type !== 'separator').map((i) => i.label ?? '');
  }

  click(label: string | RegExp): void {
    const item = this.item(label);
    if (item.enabled) item.click?.({}, undefined, {});
  }
}

export class FakeNativeImage {
  readonly path: string;
  constructor(path: string) { this.path = path; }
}

export const nativeImage = {
  createFromPath: (path: string) => new FakeNativeImage(path),
};

export class Tray extends EventEmitter {
  image: FakeNativeImage;
  menu: FakeMenu | null = null;
  tooltip = '';
  destroyed = false;
  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    fake.trays.push(this);
  }
  setImage(image: FakeNativeImage): void { this.image = image; }
  setContextMenu(menu: FakeMenu | null): void { this.menu = menu; }
  setToolTip(tooltip: string): void { this.tooltip = tooltip; }
  destroy(): void { this.destroyed = true; }
  isDestroyed(): boolean { return this.destroyed; }
}

export const Menu = FakeMenu;

export { BrowserWindow, FakeFrame, FakeSession, FakeWebContents } from './electron-window.ts';

export class Notification extends EventEmitter {
  static supported = true;
  static isSupported(): boolean { return Notification.supported; }
  readonly options: { title?: string; body?: string; urgency?: string; silent?: boolean; icon?: unknown };
  shown = false;
  constructor(options: Notification['options'] = {}) {
    super();
    this.options = options;
    fake.notifications.push(this);
  }
  show(): void { this.shown = true; }
  close(): void { this.emit('close', {}); }
  /** The user clicks it. */
  click(): void { this.emit('click', {}); }
}

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (fake.protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    fake.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void { fake.ipcHandlers.delete(channel); },
  /** `ipcRenderer.send` listeners (electron-store registers one for its renderer side). */
  on(channel: string, listener: Handler): void {
    fake.ipcListeners.set(channel, listener);
  },
};

class FakeApp extends EventEmitter {
  ready = false;
  sandboxed = false;
  quitCalls = 0;
  exitCode: number | null = null;
  paths: Record<string, string> = { userData: '/nonexistent/userData' };
  version = '0.1.0';
  appPath = process.cwd();
  loginItem = { openAtLogin: false, openAsHidden: false, wasOpenedAtLogin: false, args: [] as string[] };
  /** Whether this process is the second one (its lock request fails). */
  secondInstance = false;
  private readyWaiters: Array<() => void> = [];

  requestSingleInstanceLock(): boolean { return !this.secondInstance; }
  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxed = true;
  }
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  /** What Electron does when it has initialized. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready');
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  getPath(name: string): string {
    if (!this.paths[name]) throw new Error(`Failed to get '${name}' path`);
    return this.paths[name];
  }
  getAppPath(): string { return this.appPath; }
  getVersion(): string { return this.version; }
  quit(): void {
    this.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => { prevented = true; } });
    if (!prevented) this.emit('will-quit', { preventDefault: () => {} });
  }
  exit(code = 0): void { this.exitCode = code; }
  getLoginItemSettings() { return { ...this.loginItem }; }
  setLoginItemSettings(settings: Partial<FakeApp['loginItem']>): void { this.loginItem = { ...this.loginItem, ...settings }; }
  /** A second launch of the app, as the first instance hears it. */
  launchSecondInstance(argv: string[] = []): void { this.emit('second-instance', {}, argv, process.cwd(), {}); }
}

export const app = new FakeApp();

export const utilityProcess = createUtilityProcess(() => app.ready);
export { FakeUtilityProcess };

/** What the fake's safeStorage makes of `plain` (for config files written before the app starts). */
export function sealedByFake(plain: string): Buffer {
  return Buffer.concat([Buffer.from('v11:'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
}

/** Electron's basic_text backend on Linux "encrypts" with a fixed key; this fake marks sealed text so it is recognisable. */
export const safeStorage = {
  backend: 'gnome_libsecret' as string,
  available: true,
  isEncryptionAvailable(): boolean { return app.ready && safeStorage.available; },
  getSelectedStorageBackend(): string {
    if (!app.ready) throw new Error('safeStorage cannot be used before app is ready');
    return safeStorage.backend;
  },
  encryptString(plain: string): Buffer {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    return sealedByFake(plain);
  },
  decryptString(sealed: Buffer): string {
    if (!sealed.subarray(0, 4).equals(Buffer.from('v11:'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(sealed.subarray(4).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void { dialog.errorBoxes.push({ title, content }); },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> { shell.opened.push(url); },
};

export const clipboard = {
  text: '',
  writeText(text: string): void { clipboard.text = text; },
};

export const powerMonitor = new EventEmitter();

export const fake = {
  trays: [] as Tray[],
  windows,
  notifications: [] as Notification[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  ipcHandlers: new Map<string, Handler>(),
  ipcListeners: new Map<string, Handler>(),
  utilityProcesses,

  /** Calls an IPC handler as a renderer's `ipcRenderer.invoke` would (arguments structured-cloned). */
  async invoke(channel: string, sender: { webContents: FakeWebContents; frame?: FakeFrame }, ...args: unknown[]): Promise<unknown> {
    const handler = fake.ipcHandlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender: sender.webContents, senderFrame: sender.frame ?? sender.webContents.mainFrame, processId: 1, frameId: 1 };
    return structuredClone(await handler(event, ...structuredClone(args)));
  },

  /** A fresh Electron for the next test. */
  reset(): void {
    fake.trays.length = 0;
    fake.windows.length = 0;
    fake.notifications.length = 0;
    fake.protocolHandlers.clear();
    fake.ipcHandlers.clear();
    protocol.privileged.length = 0;
    app.removeAllListeners();
    Object.assign(app, { ready: false, sandboxed: false, quitCalls: 0, exitCode: null, secondInstance: false,
      loginItem: { openAtLogin: false, openAsHidden: false, wasOpenedAtLogin: false, args: [] } });
    Notification.supported = true;
    Object.assign(safeStorage, { backend: 'gnome_libsecret', available: true });
    dialog.errorBoxes.length = 0;
    shell.opened.length = 0;
    clipboard.text = '';
    powerMonitor.removeAllListeners();
    utilityProcesses.length = 0;
    FakeUtilityProcess.outputAfterExit = false;
  },
};

/** `import electron from 'electron'` (electron-store reads app, ipcMain and shell so). */
export default { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, Notification, powerMonitor, protocol, safeStorage,
  shell, Tray, utilityProcess };
