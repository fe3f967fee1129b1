import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app, clipboard, fake } from '../../../fakes/electron.ts';
import { post, signedDelivery } from '../../../helpers/http.ts';
import { boot, SECRET, until, type Booted } from './boot.ts';
import { tomorrowMorning } from '../../../../shared/notify/pause.ts';

const FAKE_TUNNEL = new URL('../../../fakes/fake-tunnel.mjs', import.meta.url).pathname;

vi.mock('electron', () => import('../../../fakes/electron.ts'));

let booted: Booted | null = null;
afterEach(async () => { await booted?.cleanup(); booted = null; });

const tray = () => fake.trays[0];
const menu = () => tray().menu!;

async function started(config: Record<string, unknown> = {}) {
  booted = await boot({ config });
  await until(() => tray().menu !== null, 'the tray menu');
  return booted;
}

describe('the tray', () => {
  it('offers status, copy URL, recent notifications, pause, open and quit, with the ok icon', async () => {
    await started();
    expect(menu().labels()).toEqual(['Listening on ' + booted!.desktop!.core.webhookUrl(), 'Copy webhook URL',
      'Recent notifications', 'Pause notifications', 'Open Certbell', 'Quit']);
    expect(menu().items[0].enabled).toBe(false);
    expect(tray().image.path).toMatch(/tray-ok\.png$/);
    expect(tray().tooltip).toBe('Certbell: listening');
    expect(menu().item('Recent notifications').submenu!.labels()).toEqual(['No notifications yet', 'Show all']);
  });

  it('"Copy webhook URL" copies the local URL, or the configured public URL with the listener path', async () => {
    await started();
    menu().click('Copy webhook URL');
    expect(clipboard.text).toBe(booted!.desktop!.core.webhookUrl());
    await booted!.cleanup();
    await started({ tunnel: { publicUrl: 'https://hooks.example.net' } });
    menu().click('Copy webhook URL');
    expect(clipboard.text).toBe('https://hooks.example.net/webhook');
  });

  it('with a tunnel up, "Copy webhook URL" copies the tunnel\'s public URL with the listener path', async () => {
    await started({ tunnel: { command: [process.execPath, FAKE_TUNNEL, '--to', '{port}'], urlPattern: 'tunnel ready at (http://\\S+)', autoStart: true } });
    await until(() => menu().labels()[0].startsWith('Listening') && booted!.desktop!.core.tunnel.state().phase === 'up', 'the tunnel up');
    const url = booted!.desktop!.core.tunnel.state().webhookUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    expect(url).not.toBe(booted!.desktop!.core.webhookUrl());
    await until(() => { menu().click('Copy webhook URL'); return clipboard.text === url; }, 'the public URL copied');
  });

  it('a tunnel that cannot start turns the icon to error and says why', async () => {
    await started({ tunnel: { command: ['certbell-no-such-tunnel-program'], autoStart: true } });
    await until(() => tray().image.path.endsWith('tray-error.png'), 'the error icon');
    expect(menu().items[0].label).toMatch(/^Tunnel failed: .*certbell-no-such-tunnel-program/);
    expect(tray().tooltip).toMatch(/^Certbell: Tunnel failed/);
  });

  it('"Open Certbell" and a left click open one window; Quit exits', async () => {
    await started();
    menu().click('Open Certbell');
    expect(fake.windows).toHaveLength(1);
    tray().emit('click');
    expect(fake.windows).toHaveLength(1);
    menu().click('Quit');
    const { app } = await import('../../../fakes/electron.ts');
    await until(() => app.exitCode === 0, 'the app to exit');
  });

  it('a failed certificate turns the icon to attention and names it; a delivery lists its notification in the menu', async () => {
    await started();
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'fail-1', event: 'ssl_panel.reissue_failed',
      data: { id: 'order-9', status: 'failed', certificate: { id: 'cert-9', commonName: 'broken.example', status: 'failed', operation: 'reissue' } } });
    expect((await post(booted!.desktop!.core.webhookUrl(), body, headers)).status).toBe(200);
    await until(() => tray().image.path.endsWith('tray-attention.png'), 'the attention icon');
    expect(menu().items[0].label).toBe('broken.example: status failed');
    await until(() => menu().item('Recent notifications').submenu!.labels()[0] !== 'No notifications yet', 'a recent notification');
    const recent = menu().item('Recent notifications').submenu!;
    expect(recent.labels()).toEqual(['Reissue failed', 'Show all']);
    recent.items[0].click!();
    expect(fake.windows[0].loaded.at(-1)).toBe('app://certbell/index.html#/deliveries/fail-1');
    recent.click('Show all');
    expect(fake.windows[0].loaded.at(-1)).toBe('app://certbell/index.html#/notifications');
  });

  it('after the machine resumes, restarts the tunnel and checks certificate expiry at once', async () => {
    await started();
    const check = vi.spyOn(booted!.desktop!.core.expiry, 'check');
    const restart = vi.spyOn(booted!.desktop!.core.tunnel, 'resume');
    const { powerMonitor } = await import('../../../fakes/electron.ts');
    powerMonitor.emit('resume');
    expect(check).toHaveBeenCalledTimes(1);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('"Pause notifications" pauses the core for an hour or until tomorrow: the history says paused; Resume lets them through', async () => {
    await started();
    const pauseMenu = () => menu().item(/^(Pause notifications|Notifications paused until)/).submenu!;
    const history = () => booted!.desktop!.core.services.notifications.list(10);
    expect(pauseMenu().item('Resume').enabled).toBe(false);
    pauseMenu().click('For 1 hour');
    await until(() => /paused until/.test(menu().labels()[3]), 'the paused label');
    expect(pauseMenu().item('Resume').enabled).toBe(true);
    expect(tray().tooltip).toBe('Certbell: listening (notifications paused)');
    const send = async (id: string) => {
      const { body, headers } = signedDelivery(SECRET, { deliveryId: id });
      expect((await post(booted!.desktop!.core.webhookUrl(), body, headers)).status).toBe(200);
    };
    await send('paused-1');
    await until(() => history().length === 1, 'the history row');
    await new Promise((r) => setTimeout(r, 1200)); // past the 750 ms coalescing window
    expect(fake.notifications).toHaveLength(0);
    expect(history()[0]).toMatchObject({ deliveryId: 'paused-1', shown: false, reason: 'paused' });
    pauseMenu().click('Resume');
    await until(() => menu().labels()[3] === 'Pause notifications', 'the resumed label');
    await send('resumed-1');
    await until(() => fake.notifications.length === 1, 'a notification after resuming');
    expect(history()[0]).toMatchObject({ deliveryId: 'resumed-1', shown: true, reason: null });
    pauseMenu().click('Until tomorrow');
    const morning = new Date(tomorrowMorning(Date.now())).toLocaleTimeString();
    await until(() => menu().labels()[3] === `Notifications paused until ${morning}`, 'paused until tomorrow morning');
  });

  it('a pause outlives a restart of the app (kept in preferences.json) and is the core\'s from the start', async () => {
    await started();
    menu().item('Pause notifications').submenu!.click('For 1 hour');
    await until(() => /paused until/.test(menu().labels()[3]), 'the paused label');
    const { dataDir } = booted!;
    const saved = JSON.parse(readFileSync(join(dataDir, 'preferences.json'), 'utf8'));
    expect(Date.parse(saved.pausedUntil)).toBeGreaterThan(Date.now());
    await booted!.desktop!.quit();
    booted = await boot({ before: () => cpSync(join(dataDir, 'preferences.json'), join(app.paths.userData, 'preferences.json')) });
    await until(() => tray().menu !== null && /paused until/.test(menu().labels()[3]), 'the paused label after the restart');
    expect(await booted.desktop!.api.call('notifications.pauseState', {})).toEqual({ pausedUntil: saved.pausedUntil });
  });
});
