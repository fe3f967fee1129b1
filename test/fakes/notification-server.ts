/**
 * A recording org.freedesktop.Notifications server (dbus-next service API) on a given bus:
 * stands in for the desktop's notification daemon. Runs in the test process, or as a child
 * process through notification-server-main.ts (see startNotificationServerProcess).
 */
import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { sessionBus, interface as dbusInterface, NameFlag, RequestNameReply, Variant, type MessageBus } from 'dbus-next';

export const NOTIFICATIONS_NAME = 'org.freedesktop.Notifications';
export const NOTIFICATIONS_PATH = '/org/freedesktop/Notifications';

/** One Notify call as the server received it; hints unwrapped from their variants. */
export interface RecordedNotify {
  id: number;
  appName: string;
  replacesId: number;
  icon: string;
  summary: string;
  body: string;
  actions: string[];
  /** e.g. { urgency: 2, 'desktop-entry': 'certbell' } */
  hints: Record<string, unknown>;
  expireTimeout: number;
}

export interface NotificationServer {
  readonly calls: RecordedNotify[];
  /** Ids passed to CloseNotification. */
  readonly closed: number[];
  waitForCalls(count: number, timeoutMs?: number): Promise<RecordedNotify[]>;
  /** The user clicks: emits ActionInvoked(id, actionKey). */
  click(id: number, actionKey?: string): void;
  /** The notification goes away: emits NotificationClosed(id, reason); 2 = dismissed by the user. */
  dismiss(id: number, reason?: number): void;
  stop(): Promise<void>;
}

const { Interface } = dbusInterface;

class NotificationsInterface extends Interface {
  nextId = 1;
  record: (call: RecordedNotify) => void;
  recordClose: (id: number) => void;

  constructor(record: (call: RecordedNotify) => void, recordClose: (id: number) => void) {
    super(NOTIFICATIONS_NAME);
    this.record = record;
    this.recordClose = recordClose;
  }

  Notify(appName: string, replacesId: number, icon: string, summary: string, body: string, actions: string[],
    hints: Record<string, Variant>, expireTimeout: number): number {
    const id = replacesId || this.nextId++;
    const plainHints = Object.fromEntries(Object.entries(hints).map(([key, variant]) => [key, variant.value]));
    this.record({ id, appName, replacesId, icon, summary, body, actions, hints: plainHints, expireTimeout });
    return id;
  }

  CloseNotification(id: number): void {
    this.recordClose(id);
    this.NotificationClosed(id, 3);
  }

  GetCapabilities(): string[] {
    return ['body', 'actions'];
  }

  GetServerInformation(): string[] {
    return ['certbell-test-notifications', 'certbell', '0.1', '1.2'];
  }

  // Signals: the return value is the signal's body.
  ActionInvoked(id: number, actionKey: string): [number, string] {
    return [id, actionKey];
  }

  NotificationClosed(id: number, reason: number): [number, number] {
    return [id, reason];
  }
}

NotificationsInterface.configureMembers({
  methods: {
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
    CloseNotification: { inSignature: 'u' },
    GetCapabilities: { outSignature: 'as' },
    GetServerInformation: { outSignature: 'ssss' },
  },
  signals: {
    ActionInvoked: { signature: 'us' },
    NotificationClosed: { signature: 'uu' },
  },
});

export interface NotificationServerOptions {
  address: string;
  /** Called for every Notify, after it is recorded. */
  onCall?: (call: RecordedNotify) => void;
  /** Called when the bus connection closes without stop() (the daemon went away). */
  onLost?: () => void;
}

export async function startNotificationServer(options: NotificationServerOptions): Promise<NotificationServer> {
  const bus = await connect(options.address);
  let stopping = false;
  // dbus-next reports no end of the connection, so watch its socket.
  (bus as unknown as { _connection: { stream: NodeJS.EventEmitter } })._connection.stream
    .once('close', () => { if (!stopping) options.onLost?.(); });
  const calls: RecordedNotify[] = [];
  const closed: number[] = [];
  const waiters = new Set<() => void>();
  const iface = new NotificationsInterface((call) => {
    calls.push(call);
    options.onCall?.(call);
    for (const wake of waiters) wake();
  }, (id) => closed.push(id));
  bus.export(NOTIFICATIONS_PATH, iface);
  const reply = await bus.requestName(NOTIFICATIONS_NAME, NameFlag.DO_NOT_QUEUE);
  if (reply !== RequestNameReply.PRIMARY_OWNER) {
    bus.disconnect();
    throw new Error(`${NOTIFICATIONS_NAME} is already owned on ${options.address}`);
  }

  return {
    calls,
    closed,
    waitForCalls(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (calls.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(calls.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} Notify calls within ${timeoutMs} ms, got ${calls.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    click(id, actionKey = 'default') { iface.ActionInvoked(id, actionKey); },
    dismiss(id, reason = 2) { iface.NotificationClosed(id, reason); },
    async stop() {
      stopping = true;
      bus.unexport(NOTIFICATIONS_PATH, iface);
      bus.disconnect();
    },
  };
}

function connect(address: string): Promise<MessageBus> {
  const bus = sessionBus({ busAddress: address });
  return new Promise((resolve, reject) => {
    bus.once('connect', () => resolve(bus));
    bus.on('error', (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
  });
}

export const NOTIFICATION_SERVER_MAIN = resolvePath(import.meta.dirname, 'notification-server-main.ts');

export interface NotificationServerProcess {
  pid: number;
  /** Notify calls received so far (parsed from the child's JSON lines). */
  calls: RecordedNotify[];
  waitForCalls(count: number, timeoutMs?: number): Promise<RecordedNotify[]>;
  click(id: number, actionKey?: string): void;
  /** SIGTERM by PID, then waits for the exit. */
  stop(): Promise<void>;
}

/** Runs the server as a child process (this process's Node), resolved once it owns the name. */
export function startNotificationServerProcess(address: string, timeoutMs = 10_000): Promise<NotificationServerProcess> {
  const child = spawn(process.execPath, [NOTIFICATION_SERVER_MAIN, '--address', address], { stdio: ['pipe', 'pipe', 'pipe'] });
  const calls: RecordedNotify[] = [];
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let stderr = '';
  let buffered = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`notification server not ready:\n${stderr}`)); }, timeoutMs);
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`notification server exited (${code ?? signal}):\n${stderr}`)); });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, newline)) as { ready?: boolean } & RecordedNotify;
        buffered = buffered.slice(newline + 1);
        if (line.ready) { clearTimeout(timer); resolve(handle); } else calls.push(line);
      }
    });
    const handle: NotificationServerProcess = {
      pid: child.pid!,
      calls,
      async waitForCalls(count, waitMs = 5_000) {
        const deadline = Date.now() + waitMs;
        while (calls.length < count) {
          if (Date.now() > deadline) throw new Error(`expected ${count} Notify calls within ${waitMs} ms, got ${calls.length}`);
          await new Promise((wake) => setTimeout(wake, 20));
        }
        return calls.slice();
      },
      click(id, actionKey = 'default') { child.stdin.write(`click ${id} ${actionKey}\n`); },
      async stop() {
        if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
        await exited;
      },
    };
  });
}
