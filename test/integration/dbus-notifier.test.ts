// The headless notifier against a real private D-Bus session bus and a recording
// org.freedesktop.Notifications server: what a Linux desktop's notification daemon would receive.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectDbusNotifier } from '../../electron/headless/dbus-notifier.ts';
import type { Notifier } from '../../electron/core/notifications/notifier.ts';
import { silentLogger } from '../../electron/core/logger.ts';
import type { ShownNotification } from '../../shared/notify/types.ts';
import { startBusRelay, startDbusSession, type DbusSession } from '../helpers/dbus-session.ts';
import { startNotificationServer, startNotificationServerProcess, type NotificationServer, type NotificationServerProcess } from '../fakes/notification-server.ts';

const NOTIFIER_MODULE = pathToFileURL(resolve(import.meta.dirname, '../../electron/headless/dbus-notifier.ts')).href;

function notification(overrides: Partial<ShownNotification> = {}): ShownNotification {
  return { kind: 'issued', title: 'Certificate issued', body: 'example.com is ready', urgency: 'normal',
    certificateId: 'cert-1', deliveryId: 'delivery-1', count: 1, ...overrides };
}

let bus: DbusSession;
let server: NotificationServer | null;
let serverProcess: NotificationServerProcess | null;
let notifier: Notifier | null;

beforeEach(async () => {
  bus = await startDbusSession();
  server = null;
  serverProcess = null;
  notifier = null;
});

afterEach(async () => {
  await notifier?.close();
  await server?.stop();
  await serverProcess?.stop();
  await bus.stop();
  vi.unstubAllEnvs();
});

async function connectWithServer(): Promise<{ server: NotificationServer; notifier: Notifier }> {
  server = await startNotificationServer({ address: bus.address });
  notifier = await connectDbusNotifier({ address: bus.address, logger: silentLogger });
  return { server, notifier };
}

describe('D-Bus notifier', () => {
  it('shows one notification per show() with the app name, title, body, urgency and default action', async () => {
    const { server, notifier } = await connectWithServer();
    expect(notifier.name).toBe('dbus');

    await notifier.show(notification({ kind: 'failed', title: 'Validation failed', body: 'DNS check failed', urgency: 'critical' }));
    const [call] = await server.waitForCalls(1);
    expect(server.calls).toHaveLength(1);
    expect(call).toMatchObject({
      appName: 'Certbell', replacesId: 0, icon: '', summary: 'Validation failed', body: 'DNS check failed',
      actions: ['default', 'Open'], expireTimeout: -1, hints: { urgency: 2, 'desktop-entry': 'certbell' },
    });

    await notifier.show(notification({ urgency: 'normal' }));
    await notifier.show(notification({ urgency: 'low', kind: 'info' }));
    const calls = await server.waitForCalls(3);
    expect(calls.map((c) => c.hints.urgency)).toEqual([2, 1, 0]);
    expect(calls).toHaveLength(3);
  });

  it('reports a click with the notification that was clicked', async () => {
    const { server, notifier } = await connectWithServer();
    const clicked: ShownNotification[] = [];
    const arrived = new Promise<void>((done) => notifier.onClick((n) => { clicked.push(n); done(); }));
    const first = notification({ title: 'first', certificateId: 'cert-a' });
    const second = notification({ title: 'second', certificateId: 'cert-b', deliveryId: 'delivery-b' });
    await notifier.show(first);
    await notifier.show(second);
    const calls = await server.waitForCalls(2);

    server.click(calls[1].id);
    await arrived;
    expect(clicked).toEqual([second]);
  });

  it('sends title and body as text, markup escaped, and reports a click with the text unescaped', async () => {
    const { server, notifier } = await connectWithServer();
    const clicked = new Promise<ShownNotification>((done) => notifier.onClick(done));
    const shown = notification({ title: 'Issued: <b>a&b</b>', body: '<a href="https://evil.example">x</a> & <img src=x>' });
    await notifier.show(shown);
    const [call] = await server.waitForCalls(1);
    expect(call.summary).toBe('Issued: &lt;b&gt;a&amp;b&lt;/b&gt;');
    expect(call.body).toBe('&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; &lt;img src=x&gt;');
    server.click(call.id);
    expect(await clicked).toEqual(shown);
  });

  it('forgets notifications the server closed, and ignores unknown ids', async () => {
    const { server, notifier } = await connectWithServer();
    const clicked: string[] = [];
    let sawLast!: () => void;
    const lastArrived = new Promise<void>((done) => { sawLast = done; });
    notifier.onClick((n) => { clicked.push(n.title); if (n.title === 'kept') sawLast(); });
    await notifier.show(notification({ title: 'dismissed' }));
    await notifier.show(notification({ title: 'kept' }));
    const [dismissed, kept] = await server.waitForCalls(2);

    // Signals from one sender arrive in order, so the last click proves the earlier ones were handled.
    server.dismiss(dismissed.id);
    server.click(dismissed.id);
    server.click(9999);
    server.click(kept.id);
    await lastArrived;
    expect(clicked).toEqual(['kept']);
  });

  it('works with the recording server running as a child process', async () => {
    serverProcess = await startNotificationServerProcess(bus.address);
    notifier = await connectDbusNotifier({ address: bus.address, logger: silentLogger });
    const clicked = new Promise<ShownNotification>((done) => notifier!.onClick(done));
    const shown = notification({ kind: 'security', title: 'Rejected deliveries', urgency: 'critical' });
    await notifier.show(shown);
    const [call] = await serverProcess.waitForCalls(1);
    expect(call).toMatchObject({ appName: 'Certbell', summary: 'Rejected deliveries', hints: { urgency: 2 } });

    serverProcess.click(call.id);
    expect(await clicked).toEqual(shown);
  });

  it('reaches a bus on an abstract socket (unix:abstract=, as dbus-launch hands out)', async () => {
    await bus.stop();
    bus = await startDbusSession({ abstractSocket: true });
    const abstract = bus.addresses.find((a) => a.startsWith('unix:abstract='));
    expect(abstract, bus.address).toBeDefined();
    server = await startNotificationServer({ address: bus.addresses.find((a) => a.startsWith('unix:path='))! });
    notifier = await connectDbusNotifier({ address: abstract, logger: silentLogger });
    await notifier.show(notification({ title: 'over an abstract socket' }));
    expect((await server.waitForCalls(1))[0].summary).toBe('over an abstract socket');
  });

  it('rejects clearly where no bus listens', async () => {
    const address = `unix:path=${bus.address.replace(/^unix:path=([^,]+).*$/, '$1')}-nothing-here`;
    await expect(connectDbusNotifier({ address, logger: silentLogger }))
      .rejects.toThrow(/cannot connect to the D-Bus session bus at unix:path=.*-nothing-here: .*ENOENT/);
  });

  it('rejects clearly when the bus has no notification service', async () => {
    await expect(connectDbusNotifier({ address: bus.address, logger: silentLogger }))
      .rejects.toThrow(/no notification service \(org\.freedesktop\.Notifications\) on the D-Bus session bus/);
  });

  it('rejects clearly when there is no session bus address at all', async () => {
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', '');
    await expect(connectDbusNotifier({ logger: silentLogger }))
      .rejects.toThrow('no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set');
  });

  it('uses DBUS_SESSION_BUS_ADDRESS when no address is given', async () => {
    server = await startNotificationServer({ address: bus.address });
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', bus.address);
    notifier = await connectDbusNotifier({ logger: silentLogger });
    await notifier.show(notification());
    expect(await server.waitForCalls(1)).toHaveLength(1);
  });

  it('survives the bus going away: show() rejects, nothing throws', async () => {
    const warnings: string[] = [];
    server = await startNotificationServer({ address: bus.address });
    notifier = await connectDbusNotifier({ address: bus.address, logger: { ...silentLogger, warn: (m) => warnings.push(m) } });
    await bus.stop();
    await vi.waitFor(() => expect(warnings.join('\n')).toMatch(/connection to the session bus was closed/));
    await expect(notifier.show(notification())).rejects.toThrow(/cannot show a notification: the connection to the session bus was closed/);
    await notifier.close();
    await expect(notifier.show(notification())).rejects.toThrow('the D-Bus notifier is closed');
  });

  it('survives its bus connection being reset: logs, show() rejects, nothing throws', async () => {
    const warnings: string[] = [];
    server = await startNotificationServer({ address: bus.address });
    const relay = await startBusRelay(bus.address);
    try {
      notifier = await connectDbusNotifier({ address: relay.address, logger: { ...silentLogger, warn: (m) => warnings.push(m) } });
      relay.resetClients();
      await vi.waitFor(() => expect(warnings.join('\n')).toMatch(/connection to the session bus was closed/));
      expect(warnings.join('\n')).toMatch(/D-Bus error: .*ECONNRESET/);
      await expect(notifier.show(notification())).rejects.toThrow(/cannot show a notification/);
      await notifier.close();
    } finally {
      await relay.stop();
    }
  });

  it('lets the process exit after close(), and after a failed connect', async () => {
    server = await startNotificationServer({ address: bus.address });
    const script = `
      const [moduleUrl, address, badAddress] = process.argv.slice(1);
      const { connectDbusNotifier } = await import(moduleUrl);
      const logger = { info() {}, warn() {}, error() {} };
      const failure = await connectDbusNotifier({ address: badAddress, logger }).then(() => 'connected', (e) => e.message);
      const notifier = await connectDbusNotifier({ address, logger });
      await notifier.show({ kind: 'test', title: 'from a child', body: '', urgency: 'low', certificateId: null, deliveryId: null, count: 1 });
      await notifier.close();
      console.log(JSON.stringify({ failure }));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, NOTIFIER_MODULE, bus.address,
      'unix:path=/nonexistent/certbell-no-bus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const exit = await new Promise<number | string | null>((done) => {
      // Nothing left open must mean the child exits by itself; if it hangs, stop it by its PID.
      const timer = setTimeout(() => { process.kill(child.pid!, 'SIGKILL'); done('hung'); }, 10_000);
      child.once('exit', (code) => { clearTimeout(timer); done(code); });
    });
    expect(exit, stderr).toBe(0);
    expect(JSON.parse(stdout).failure).toMatch(/cannot connect to the D-Bus session bus/);
    expect((await server.waitForCalls(1))[0].summary).toBe('from a child');
  });
});
