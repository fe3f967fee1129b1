/**
 * The window half of the Electron fake (see electron.ts): BrowserWindow, its web contents, session
 * and frames. A closed window is destroyed and emits 'closed', as in Electron; navigation, window
 * opening and permission requests go through the handlers the shell installed.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every window created, in order (electron.ts exposes it as `fake.windows`). */
export const windows: BrowserWindow[] = [];

export class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  setPermissionRequestHandler(handler: Handler | null): void { this.permissionRequestHandler = handler; }
  setPermissionCheckHandler(handler: Handler | null): void { this.permissionCheckHandler = handler; }
}

export class FakeFrame {
  url: string;
  parent: FakeFrame | null;
  constructor(url: string, parent: FakeFrame | null = null) { this.url = url; this.parent = parent; }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = new FakeSession();
  readonly mainFrame: FakeFrame;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: Handler | null = null;
  url = '';
  destroyed = false;
  constructor() {
    super();
    this.mainFrame = new FakeFrame('');
  }
  setWindowOpenHandler(handler: Handler): void { this.windowOpenHandler = handler; }
  getURL(): string { return this.url; }
  /** `ipcRenderer.on` listeners of the page (see preload-sandbox.ts). */
  readonly rendererListeners = new Map<string, Set<Handler>>();
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // IPC arguments are serialized with the structured clone algorithm.
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: null }, ...structuredClone(cloned));
  }
  isDestroyed(): boolean { return this.destroyed; }

  /** What a renderer-initiated navigation does: returns whether it went ahead. */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { preventDefault: () => { prevented = true; }, url }, url);
    if (!prevented) this.url = url;
    return !prevented;
  }

  /** window.open(url) in the page: the handler's answer. */
  openWindow(url: string): { action: string } {
    return this.windowOpenHandler ? this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' }) : { action: 'allow' };
  }

  /** A permission request, as Chromium asks it: resolves with the handler's answer (Electron grants by default). */
  requestPermission(permission: string): Promise<boolean> {
    const handler = this.session.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(this, permission, resolve, {}));
  }
}

export class BrowserWindow extends EventEmitter {
  readonly options: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };
  loaded: string[] = [];

  constructor(options: Record<string, any> = {}) { // eslint-disable-line @typescript-eslint/no-explicit-any
    super();
    this.options = options;
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    this.visible = options.show !== false;
    windows.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
    queueMicrotask(() => { if (!this.destroyed) this.emit('ready-to-show'); });
  }
  show(): void { this.visible = true; }
  focus(): void { this.focused = true; }
  restore(): void { this.minimized = false; }
  minimize(): void { this.minimized = true; }
  isMinimized(): boolean { return this.minimized; }
  isVisible(): boolean { return this.visible; }
  isDestroyed(): boolean { return this.destroyed; }
  getNormalBounds() { return { ...this.bounds }; }
  setBounds(bounds: Partial<BrowserWindow['bounds']>): void { this.bounds = { ...this.bounds, ...bounds }; }

  /** The user closes the window: 'close' (preventable), then it is destroyed and 'closed' follows. */
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => { prevented = true; } });
    if (prevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}
