// "Pause notifications" from the command line against a running `certbell serve` (a real process
// on a private D-Bus session bus with a recording notification server): while paused nothing pops
// up and the history says paused; `resume` lets the next one through.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotificationServer, type NotificationServer } from '../fakes/notification-server.ts';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, type ServeProcess } from '../helpers/certbell-process.ts';
import { startDbusSession, type DbusSession } from '../helpers/dbus-session.ts';

const SECRET = 'pause-secret';
let bus: DbusSession;
let server: NotificationServer;
let dir: string;
let serve: ServeProcess;

const certbell = (...args: string[]) => runCertbell([...args, '--data-dir', dir]);
const send = (deliveryId: string) => certbell('send', '--url', serve.webhook, '--secret', SECRET, '--event', 'ssl_panel.issued',
  '--common-name', `${deliveryId}.example.org`, '--delivery-id', deliveryId);
const settle = () => new Promise((r) => setTimeout(r, 1500));

async function historyOf(deliveryId: string): Promise<{ shown: boolean; reason: string | null }> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const rows = JSON.parse((await certbell('notifications', '--json')).stdout) as Array<{ deliveryId: string; shown: boolean; reason: string | null }>;
    const row = rows.find((n) => n.deliveryId === deliveryId);
    if (row) return { shown: row.shown, reason: row.reason };
    if (Date.now() > deadline) throw new Error(`no history row for ${deliveryId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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

describe('certbell notifications pause / resume', () => {
  it('pauses a running certbell serve: recorded as not shown, for paused, and nothing on the bus; resume shows again', async () => {
    const paused = await certbell('notifications', 'pause', '--for', '1h');
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(/^Notifications paused until \d{4}-\d\d-\d\d \d\d:\d\d local time \(.*Z\)\.\nEnd it sooner with "certbell notifications resume"\.\n$/);
    expect(existsSync(join(dir, 'pause.json'))).toBe(true);

    expect((await send('while-paused')).code).toBe(0);
    expect(await historyOf('while-paused')).toEqual({ shown: false, reason: 'paused' });
    await settle();
    expect(server.calls).toHaveLength(0);
    const table = (await certbell('notifications')).stdout;
    expect(table).toMatch(/no \(paused\)\s+Certificate issued/);

    const resumed = await certbell('notifications', 'resume');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toBe('Notifications resumed.\n');
    expect(existsSync(join(dir, 'pause.json'))).toBe(false);
    expect((await send('after-resume')).code).toBe(0);
    const [call] = await server.waitForCalls(1, 5000);
    expect(call.body).toContain('after-resume.example.org');
    expect(await historyOf('after-resume')).toEqual({ shown: true, reason: null });
  });

  it('says the pause in JSON, and that there was none to end', async () => {
    const until = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const paused = await certbell('notifications', 'pause', '--until', until, '--json');
    expect(paused.code, paused.stderr).toBe(0);
    expect(JSON.parse(paused.stdout)).toEqual({ pausedUntil: until });
    const tomorrow = await certbell('notifications', 'pause', '--until', 'tomorrow', '--json');
    const morning = new Date(JSON.parse(tomorrow.stdout).pausedUntil);
    expect([morning.getHours(), morning.getMinutes()]).toEqual([8, 0]);
    expect(JSON.parse((await certbell('notifications', 'resume', '--json')).stdout)).toEqual({ pausedUntil: null });
    expect((await certbell('notifications', 'resume')).stdout).toBe('Notifications were not paused.\n');
  });

  it('refuses what it cannot read as a usage error (exit 2), naming the option', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--for', 'an hour'], /--for must be a duration such as 30m, 1h or 1h30m, got "an hour"/],
      [['--for', '0m'], /--for must be longer than 0/],
      [['--until', 'soon'], /--until must be "tomorrow" or an ISO 8601 date-time, got "soon"/],
      [['--until', '2001-01-01T00:00:00Z'], /--until 2001-01-01T00:00:00Z is already past/],
      [['--for', '1h', '--until', 'tomorrow'], /give --for or --until, not both/],
    ];
    for (const [args, message] of cases) {
      const result = await certbell('notifications', 'pause', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, 'pause.json'))).toBe(false);
    const help = await runCertbell(['notifications', '--help']);
    expect(help.stdout).toContain('certbell notifications pause [--for DURATION | --until TIME]');
    expect(help.stdout).toContain('reason (why not shown: disabled, kind-off, paused, quiet-hours, no-notifier)');
  });
});
