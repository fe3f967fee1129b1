import { afterEach, describe, expect, it, vi } from 'vitest';
import { fake, Notification, safeStorage, sealedByFake } from '../../../fakes/electron.ts';
import { post, signedDelivery } from '../../../helpers/http.ts';
import { boot, SECRET, settle, until, type Booted } from './boot.ts';
import { routeFor } from '../../../../electron/main/notifier.ts';

vi.mock('electron', () => import('../../../fakes/electron.ts'));

let booted: Booted | null = null;
afterEach(async () => { await booted?.cleanup(); booted = null; });

async function deliver(deliveryId: string, event = 'ssl_panel.issued') {
  const { body, headers } = signedDelivery(SECRET, { deliveryId, event,
    data: { id: 'order-n', status: 'open', certificate: { id: 'cert-n', commonName: 'notify.example', status: 'active', operation: 'none' } } });
  expect((await post(booted!.desktop!.core.webhookUrl(), body, headers)).status).toBe(200);
}

describe('native notifications', () => {
  it('a delivery shows one native notification; clicking it opens the window at that delivery', async () => {
    booted = await boot();
    await deliver('dlv-click');
    await until(() => fake.notifications.length === 1, 'the notification');
    await settle(900); // past the coalescing window: still one
    expect(fake.notifications).toHaveLength(1);
    const [shown] = fake.notifications;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({ title: 'Certificate issued', urgency: 'normal' });
    expect(shown.options.body).toContain('notify.example');
    expect(fake.windows).toHaveLength(0);
    shown.click();
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0].loaded).toEqual(['app://certbell/index.html#/deliveries/dlv-click']);
  });

  it('a failure is critical', async () => {
    booted = await boot();
    await deliver('dlv-failed', 'ssl_panel.renew_failed');
    await until(() => fake.notifications.length === 1, 'the notification');
    expect(fake.notifications[0].options).toMatchObject({ title: 'Renewal failed', urgency: 'critical' });
  });

  it('quiet hours are the core\'s decision: recorded, not shown', async () => {
    booted = await boot({ config: { notifications: { quietHours: { from: '00:00', to: '23:59' } } } });
    await deliver('dlv-quiet');
    await until(() => booted!.desktop!.core.services.notifications.list(10).length > 0, 'the history row');
    await settle(900);
    expect(fake.notifications).toHaveLength(0);
    expect(booted!.desktop!.core.services.notifications.list(10)[0]).toMatchObject({ shown: false, reason: 'quiet-hours' });
  });

  it('shows nothing, and says so in the log, where the system has no notifications', async () => {
    booted = await boot({ before: () => { Notification.supported = false; } });
    await deliver('dlv-unsupported');
    await until(() => booted!.logs.some((l) => /does not support desktop notifications/.test(l)), 'the log line');
    expect(fake.notifications).toHaveLength(0);
  });
});

describe('where a click leads', () => {
  it('to the delivery, else the certificate (expiry reminders have no delivery), else the history', () => {
    expect(routeFor({ deliveryId: 'd 1', certificateId: 'c1' })).toBe('#/deliveries/d%201');
    expect(routeFor({ deliveryId: null, certificateId: 'c/1' })).toBe('#/certificates/c%2F1');
    expect(routeFor({ deliveryId: null, certificateId: null })).toBe('#/notifications');
  });
});

describe('secret storage', () => {
  it('warns in the log and in status (for the UI) when Linux has only the basic_text backend', async () => {
    booted = await boot({ before: () => { safeStorage.backend = 'basic_text'; } });
    const status = await booted.desktop!.api.call('status', {});
    expect(status.secretStorage).toMatchObject({ backend: 'basic_text', secure: false });
    expect(status.secretStorage!.warning).toMatch(/not encrypted/);
    expect(booted.logs.some((l) => /^warn secrets: .*keyring/.test(l))).toBe(true);
  });

  it('decrypts {"label","encrypted"} secrets for the core, so sealed secrets verify deliveries', async () => {
    const encrypted = sealedByFake('sealed-secret').toString('base64');
    booted = await boot({ config: { secrets: [{ label: 'sealed', encrypted }] } });
    const { body, headers } = signedDelivery('sealed-secret', { deliveryId: 'dlv-sealed' });
    expect((await post(booted.desktop!.core.webhookUrl(), body, headers)).status).toBe(200);
  });

  it('a sealed secret this machine cannot decrypt is a start-up dialog naming it', async () => {
    booted = await boot({ config: { secrets: [{ label: 'elsewhere', encrypted: Buffer.from('sealed on another machine').toString('base64') }] } });
    expect(booted.desktop).toBeNull();
    const { dialog } = await import('../../../fakes/electron.ts');
    expect(dialog.errorBoxes[0].content).toContain('secrets[0].encrypted');
  });
});
