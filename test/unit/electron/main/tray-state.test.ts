import { describe, expect, it, vi } from 'vitest';
import { publicWebhookUrl, trayStatus, type TrayInput } from '../../../../electron/main/tray-state.ts';
import { tomorrowMorning } from '../../../../shared/notify/pause.ts';
import type { CertificateSummary } from '../../../../shared/bridge/index.ts';

vi.mock('electron', () => import('../../../fakes/electron.ts'));

const cert = (over: Partial<CertificateSummary>): CertificateSummary => ({
  id: 'c1', commonName: 'a.example', orderId: null, orderStatus: null, status: 'active', operation: null, statusText: 'active',
  expireAt: null, daysLeft: 200, activatedAt: null, preValidationStatus: null, failedValidators: [], lastEvent: null,
  lastDelivery: null, updatedAt: '2026-01-01T00:00:00Z', deployment: null, providerOnly: false, syncedAt: null, failure: null, ...over,
});
const base: TrayInput = { listening: true, webhookUrl: 'http://127.0.0.1:7413/webhook', publicUrl: null, listenerPath: '/webhook',
  certificates: [cert({})], pausedUntil: null };

describe('tray status', () => {
  it('is ok while listening with nothing to flag', () => {
    expect(trayStatus(base)).toMatchObject({ icon: 'ok', copyUrl: 'http://127.0.0.1:7413/webhook' });
  });

  it('needs attention for failed or expiring certificates, counting several', () => {
    expect(trayStatus({ ...base, certificates: [cert({ daysLeft: 5 })] })).toMatchObject({ icon: 'attention', statusLine: 'a.example: expires in 5 days' });
    const two = trayStatus({ ...base, certificates: [cert({ status: 'failed' }), cert({ id: 'c2', daysLeft: -2 })] });
    expect(two).toMatchObject({ icon: 'attention', statusLine: '2 certificates need attention' });
  });

  it('is an error when the listener or the tunnel is down, whatever the certificates say', () => {
    expect(trayStatus({ ...base, listening: false, certificates: [cert({ status: 'failed' })] }).icon).toBe('error');
    expect(trayStatus({ ...base, tunnelError: 'Tunnel failed: cloudflared exited' }))
      .toMatchObject({ icon: 'error', statusLine: 'Tunnel failed: cloudflared exited', tooltip: 'Certbell: Tunnel failed: cloudflared exited' });
  });

  it('copies the public URL, adding the listener path only when the URL has none', () => {
    expect(publicWebhookUrl('https://x.trycloudflare.com', '/webhook')).toBe('https://x.trycloudflare.com/webhook');
    expect(publicWebhookUrl('https://hooks.example.net/in/certbell', '/webhook')).toBe('https://hooks.example.net/in/certbell');
    expect(trayStatus({ ...base, publicUrl: 'https://h.example' }).copyUrl).toBe('https://h.example/webhook');
  });

  it('says in the tooltip when notifications are paused', () => {
    expect(trayStatus({ ...base, pausedUntil: 1 }).tooltip).toBe('Certbell: listening (notifications paused)');
  });

  it('pauses "until tomorrow" until 08:00 the next day, local time', () => {
    const evening = new Date(2026, 10, 23, 21, 30).getTime();
    expect(new Date(tomorrowMorning(evening))).toEqual(new Date(2026, 10, 24, 8, 0));
  });
});
