/**
 * Native notifications for the headless shell on Linux: org.freedesktop.Notifications (the
 * Desktop Notifications Specification) on the session bus, through dbus-next.
 */
import type { Socket } from 'node:net';
import { sessionBus, Variant, type MessageBus } from 'dbus-next';
import { NO_SESSION_BUS } from './session-bus.ts';
import type { Logger } from '../core/logger.ts';
import type { Notifier } from '../core/notifications/notifier.ts';
import type { ShownNotification, Urgency } from '../../shared/notify/types.ts';

const SERVICE = 'org.freedesktop.Notifications';
const OBJECT_PATH = '/org/freedesktop/Notifications';

// The interface as the specification defines it, handed to the proxy so that it does not depend
// on the server answering Introspect (not every notification daemon does, or does it fully).
const INTROSPECTION = `<node><interface name="${SERVICE}">
  <method name="Notify">
    <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
    <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
    <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
  </method>
  <method name="CloseNotification"><arg type="u" direction="in"/></method>
  <method name="GetCapabilities"><arg type="as" direction="out"/></method>
  <method name="GetServerInformation">
    <arg type="s" direction="out"/><arg type="s" direction="out"/><arg type="s" direction="out"/><arg type="s" direction="out"/>
  </method>
  <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
</interface></node>`;

const URGENCY_BYTE: Record<Urgency, number> = { low: 0, normal: 1, critical: 2 };
/** Ids of notifications the server never reports closed (persistent ones) must not pile up. */
const MAX_REMEMBERED = 200;

/** The freedesktop notification markup is a small XML subset: these three make any text plain. */
export function markupEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The proxy interface dbus-next builds from INTROSPECTION, typed. */
interface NotificationsProxy {
  Notify(appName: string, replacesId: number, icon: string, summary: string, body: string,
    actions: string[], hints: Record<string, Variant>, expireTimeout: number): Promise<number>;
  GetServerInformation(): Promise<[name: string, vendor: string, version: string, specVersion: string]>;
  on(event: 'ActionInvoked', listener: (id: number, actionKey: string) => void): unknown;
  on(event: 'NotificationClosed', listener: (id: number, reason: number) => void): unknown;
  removeAllListeners(): unknown;
}

export interface DbusNotifierOptions {
  /** A D-Bus address; default: DBUS_SESSION_BUS_ADDRESS. */
  address?: string;
  appName?: string;
  logger: Logger;
  /** Limit for connecting and for each call (activating a notification daemon can be slow). */
  timeoutMs?: number;
}

/**
 * Connects to the session bus and checks that a notification service answers. Rejects with a
 * clear message when there is no bus or no service; the caller logs it and uses NullNotifier.
 */
export async function connectDbusNotifier(options: DbusNotifierOptions): Promise<Notifier> {
  const address = options.address ?? process.env.DBUS_SESSION_BUS_ADDRESS;
  if (!address) throw new Error(NO_SESSION_BUS);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const bus = await openBus(address, timeoutMs);
  try {
    const proxy = await withTimeout(bus.getProxyObject(SERVICE, OBJECT_PATH, INTROSPECTION), timeoutMs, 'looking up the service');
    const iface = proxy.getInterface(SERVICE) as unknown as NotificationsProxy;
    // Also records the server's unique name, which dbus-next needs to accept its signals.
    const [server] = await withTimeout(iface.GetServerInformation(), timeoutMs, 'GetServerInformation');
    options.logger.info(`notifications: D-Bus, server ${server}`);
    return new DbusNotifier({ bus, iface, appName: options.appName ?? 'Certbell', timeoutMs }, options.logger);
  } catch (error) {
    await hangUp(bus);
    throw new Error(`no notification service (${SERVICE}) on the D-Bus session bus at ${address}: ${describe(error)}`,
      { cause: error });
  }
}

/** The bus connection a notifier shows through, and how it presents itself there. */
interface NotifierSession {
  bus: MessageBus;
  iface: NotificationsProxy;
  appName: string;
  timeoutMs: number;
}

class DbusNotifier implements Notifier {
  readonly name = 'dbus';
  private readonly session: NotifierSession;
  private readonly shown = new Map<number, ShownNotification>();
  private readonly listeners: Array<(notification: ShownNotification) => void> = [];
  private lost: string | null = null;
  private closed = false;

  constructor(session: NotifierSession, logger: Logger) {
    this.session = session;
    const { bus, iface } = session;
    bus.on('error', (error: unknown) => {
      if (!this.closed) logger.warn(`notifications: D-Bus error: ${describe(error)}`);
    });
    busSocket(bus)?.once('close', () => {
      if (this.closed) return;
      this.lost = 'the connection to the session bus was closed';
      logger.warn(`notifications: ${this.lost}; notifications are not shown until restart`);
    });
    iface.on('ActionInvoked', (id, _actionKey) => this.clicked(id));
    iface.on('NotificationClosed', (id) => { this.shown.delete(id); });
  }

  async show(notification: ShownNotification): Promise<void> {
    if (this.closed) throw new Error('the D-Bus notifier is closed');
    if (this.lost) throw new Error(`cannot show a notification: ${this.lost}`);
    const hints = {
      urgency: new Variant('y', URGENCY_BYTE[notification.urgency]),
      'desktop-entry': new Variant('s', 'certbell'),
    };
    // Servers may render body markup (<a href>, <img>): text from a delivery is written as text.
    const id = await withTimeout(this.session.iface.Notify(this.session.appName, 0, '', markupEscape(notification.title),
      markupEscape(notification.body), ['default', 'Open'], hints, -1), this.session.timeoutMs, 'Notify');
    this.shown.set(id, notification);
    if (this.shown.size > MAX_REMEMBERED) this.shown.delete(this.shown.keys().next().value!);
  }

  onClick(listener: (notification: ShownNotification) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.iface.removeAllListeners();
    this.shown.clear();
    await hangUp(this.session.bus);
  }

  private clicked(id: number): void {
    const notification = this.shown.get(id);
    // Ids of other applications' notifications arrive too: the signal is broadcast.
    if (!notification) return;
    for (const listener of this.listeners) listener(notification);
  }
}

/** Opens the bus and waits for its Hello; a bus that fails later cannot throw (error is handled). */
async function openBus(address: string, timeoutMs: number): Promise<MessageBus> {
  const fail = (reason: unknown) =>
    new Error(`cannot connect to the D-Bus session bus at ${address}: ${describe(reason)}`, { cause: reason });
  let bus: MessageBus;
  try {
    bus = sessionBus({ busAddress: withAbstractSocketsForNet(address) });
  } catch (error) {
    throw fail(`not a usable D-Bus address (${describe(error)})`);
  }
  bus.on('error', () => {}); // errors after a failed connect have nobody left to tell
  try {
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: unknown) => {
        clearTimeout(timer);
        bus.off('connect', settle);
        bus.off('error', settle);
        if (error === undefined) resolve(); else reject(error);
      };
      const timer = setTimeout(() => settle(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      bus.on('connect', settle);
      bus.on('error', settle);
    });
  } catch (error) {
    await hangUp(bus);
    throw fail(error);
  }
  return bus;
}

/**
 * dbus-next opens unix:abstract= addresses (dbus-launch's default) only through its optional
 * native module usocket, which is not installed; Node's own net sockets reach the abstract
 * namespace as a path starting with NUL, which dbus-next passes through for its socket= key.
 */
function withAbstractSocketsForNet(address: string): string {
  return address.split(';').map((entry) => entry.startsWith('unix:')
    ? entry.replace(/([:,])abstract=/, '$1socket=\0')
    : entry).join(';');
}

/** The socket under the bus: dbus-next has no public way to learn that the connection ended. */
function busSocket(bus: MessageBus): Socket | null {
  const stream = (bus as unknown as { _connection?: { stream?: Socket } })._connection?.stream;
  return stream && typeof stream.once === 'function' ? stream : null;
}

/**
 * Ends the connection and waits until the socket is closed, so nothing keeps the process alive;
 * a peer that does not close its side in time gets the socket destroyed.
 */
async function hangUp(bus: MessageBus): Promise<void> {
  const socket = busSocket(bus);
  try { bus.disconnect(); } catch {}
  if (!socket || socket.destroyed || typeof socket.destroy !== 'function') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => { socket.destroy(); resolve(); }, 1_000);
    socket.once('close', () => { clearTimeout(timer); resolve(); });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const { type, text, code, message } = error as { type?: string; text?: string; code?: string; message?: string };
    if (type && text) return `${text} (${type})`;
    if (code && message) return message.includes(code) ? message : `${message} (${code})`;
    if (message) return message.split('\n')[0];
  }
  return String(error);
}
