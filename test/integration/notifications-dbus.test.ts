// SPEC §7 end to end: a real `certbell serve` on a private D-Bus session bus with a recording
// org.freedesktop.Notifications server. One issued delivery: exactly one notification; its
// duplicate: none. Everything is also in `certbell notifications`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotificationServer, type NotificationServer } from '../fakes/notification-server.ts';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, type ServeProcess } from '../helpers/certbell-process.ts';
import { startDbusSession, type DbusSession } from '../helpers/dbus-session.ts';
import { hmac, post } from '../helpers/http.ts';

const SECRET = 'dbus-secret';
let bus: DbusSession;
let server: NotificationServer;
let dir: string;
let serve: ServeProcess;

const send = (...args: string[]) => runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, ...args, '--data-dir', dir]);
const settle = () => new Promise((r) => setTimeout(r, 1500));

beforeAll(async () => {
  bus = await startDbusSession();
  server = await startNotificationServer({ address: bus.address });
  dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }] });
  serve = await startServe(dir, [], { DBUS_SESSION_BUS_ADDRESS: bus.address });
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  await server?.stop();
  await bus?.stop();
  removeDir(dir);
});

describe('native notifications from certbell serve over D-Bus', () => {
  it('shows exactly one notification for an issued certificate, and none for its duplicate', async () => {
    const sent = await send('--event', 'ssl_panel.issued', '--common-name', 'shop.example.org', '--delivery-id', 'issued-1');
    expect(sent.code, sent.stderr).toBe(0);
    const [call] = await server.waitForCalls(1, 5000);
    expect(call).toMatchObject({ appName: 'Certbell', summary: 'Certificate issued' });
    expect(call.body).toContain('shop.example.org');
    expect(call.body).toContain('2027-12-25');
    expect(call.hints.urgency).toBe(1);
    expect(call.actions).toContain('default');

    const again = await send('--event', 'ssl_panel.issued', '--common-name', 'shop.example.org', '--delivery-id', 'issued-1');
    expect(again.stdout).toContain('"status":"duplicate"');
    await settle();
    expect(server.calls).toHaveLength(1);

    const history = JSON.parse((await runCertbell(['notifications', '--json', '--data-dir', dir])).stdout);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'issued', title: 'Certificate issued', shown: true, deliveryId: 'issued-1' });
    expect(history[0].certificateId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks failures critical, keeps info notifications in the history only, and reports clicks', async () => {
    await send('--event', 'ssl_panel.pre_validation.failed', '--common-name', 'bad.example.org', '--delivery-id', 'failed-1');
    await send('--event', 'ssl_panel.created', '--common-name', 'new.example.org', '--delivery-id', 'created-1');
    const calls = await server.waitForCalls(2, 5000);
    await settle();
    expect(server.calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ summary: 'Pre-validation failed' });
    expect(calls[1].body).toContain('kvk_validator');
    expect(calls[1].hints.urgency).toBe(2);
    const history = JSON.parse((await runCertbell(['notifications', '--json', '--data-dir', dir])).stdout);
    expect(history.find((n: { deliveryId: string }) => n.deliveryId === 'created-1')).toMatchObject({ kind: 'info', shown: false });

    server.click(calls[1].id);
    const deadline = Date.now() + 3000;
    while (!serve.stderr().includes('notification clicked') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(serve.stderr()).toContain('notification clicked: Pre-validation failed (delivery failed-1)');
  });

  it('shows and records what a `certbell replay` raises, like a delivery', async () => {
    const sent = await send('--event', 'ssl_panel.pre_validation.failed', '--common-name', 'again.example.org', '--delivery-id', 'replayed-1');
    expect(sent.code, sent.stderr).toBe(0);
    const before = (await server.waitForCalls(server.calls.length + 1, 5000)).length;
    const replayed = await runCertbell(['replay', 'replayed-1', '--data-dir', dir], { DBUS_SESSION_BUS_ADDRESS: bus.address });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toMatch(/\(attempt 2\): accepted \(200\)/);
    const calls = await server.waitForCalls(before + 1, 5000);
    expect(calls[before]).toMatchObject({ appName: 'Certbell', summary: 'Pre-validation failed' });
    expect(calls[before].body).toContain('again.example.org');
    const history = JSON.parse((await runCertbell(['notifications', '--json', '--data-dir', dir])).stdout)
      .filter((n: { deliveryId: string }) => n.deliveryId === 'replayed-1');
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ kind: 'failed', title: 'Pre-validation failed', shown: true });
  });

  it('keeps serving and recording when there is no session bus', async () => {
    const lonely = tempDataDir({ secrets: [{ label: 'k', value: SECRET }] });
    const headless = await startServe(lonely, [], { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/certbell-bus' });
    try {
      expect(headless.stderr()).toMatch(/notifications: no desktop notifications .*recording history only/);
      const sent = await runCertbell(['send', '--url', headless.webhook, '--secret', SECRET, '--data-dir', lonely]);
      expect(sent.code).toBe(0);
      await settle();
      const history = JSON.parse((await runCertbell(['notifications', '--json', '--data-dir', lonely])).stdout);
      expect(history).toHaveLength(1);
      expect(headless.stderr().match(/no desktop notifications/g)).toHaveLength(1);
    } finally {
      await headless.stop();
      removeDir(lonely);
    }
  });
});

describe('notification text from deliveries', () => {
  it('escapes markup in the text it sends (SPEC §11), and keeps the history as plain text', async () => {
    const message = '<a href="https://evil.example">Click</a> & <img src=x>';
    const body = JSON.stringify({ metadata: { delivery: 'markup-1', event: 'ssl_panel.ca_chat.new_message_from_ca' },
      data: { orderId: 'o-markup', message } });
    const before = server.calls.length;
    const res = await post(serve.webhook, body, { Signature: `sha256=${hmac(SECRET, body)}` });
    expect(res.status).toBe(200);
    const calls = await server.waitForCalls(before + 1, 5000);
    const call = calls.find((c) => c.body.includes('Click'))!;
    expect(call.body).toContain('&lt;a href="https://evil.example"&gt;Click&lt;/a&gt; &amp; &lt;img src=x&gt;');
    expect(call.body).not.toMatch(/<a |<img/);
    const history = JSON.parse((await runCertbell(['notifications', '--json', '--data-dir', dir])).stdout);
    expect(history.find((n: { deliveryId: string }) => n.deliveryId === 'markup-1').body).toContain(message);
  });
});
