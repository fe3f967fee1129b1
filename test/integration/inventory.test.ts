// SPEC §6, §7, §9 end to end: a real `certbell serve` fed by `certbell send`, read back with
// `certbell certificates --json` and `certbell notifications --json`, as a user would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MAIN_NOT_AFTER } from '../../shared/openprovider/sample-chain.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleDelivery, stableId } from '../../shared/openprovider/samples.ts';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, type ServeProcess } from '../helpers/certbell-process.ts';

const SECRET = 'inventory-secret';
const SHOP = 'shop.example.org';
const BLOG = 'blog.example.net';
const CHAT = 'ssl_panel.ca_chat.new_message_from_ca';
const DAY = 86_400_000;

interface CertificateRow {
  id: string; commonName: string; orderId: string; orderStatus: string; status: string; operation: string;
  expireAt: string | null; daysLeft: number | null; lastEvent: string; updatedAt: string;
}

interface NotificationRow {
  id: number; kind: string; title: string; body: string; certificateId: string | null; deliveryId: string | null;
  createdAt: string; shown: boolean; reason: string | null;
}

let dir: string;
let serve: ServeProcess;
let startedAt: number;

const cli = (...args: string[]) => runCertbell([...args, '--data-dir', dir]);

async function send(event: string, commonName: string, deliveryId: string) {
  return cli('send', '--url', serve.webhook, '--secret', SECRET, '--event', event, '--common-name', commonName, '--delivery-id', deliveryId);
}

async function sendOk(event: string, commonName: string, deliveryId: string): Promise<void> {
  const result = await send(event, commonName, deliveryId);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain(`{"status":"accepted","delivery":"${deliveryId}"}`);
}

async function certificates(): Promise<CertificateRow[]> {
  const result = await cli('certificates', '--json');
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as CertificateRow[];
}

async function notifications(limit = 50): Promise<NotificationRow[]> {
  const result = await cli('notifications', '--json', '--limit', String(limit));
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as NotificationRow[];
}

const byName = (rows: CertificateRow[], name: string) => rows.find((c) => c.commonName === name)!;

beforeAll(async () => {
  startedAt = Date.now();
  dir = tempDataDir({
    secrets: [{ label: 'k', value: SECRET }],
    // Reissue failures are held back by a pre hook that always fails: the delivery is aborted.
    hooks: [{ name: 'gate', stage: 'pre', events: ['ssl_panel.reissue_failed'], command: ['sh', '-c', 'exit 1'] }],
  });
  serve = await startServe(dir, [], { DBUS_SESSION_BUS_ADDRESS: '' });
  await sendOk('ssl_panel.created', SHOP, 'shop-created');
  await sendOk('ssl_panel.pre_validation.failed', SHOP, 'shop-failed');
  await sendOk('ssl_panel.issued', SHOP, 'shop-issued');
  await sendOk('ssl_panel.issued', BLOG, 'blog-issued');
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  removeDir(dir);
});

describe('certbell certificates --json', () => {
  it('lists both certificates with the SPEC §9 fields, active until the main certificate\'s expiry', async () => {
    const before = Math.ceil((Date.parse(SAMPLE_MAIN_NOT_AFTER) - Date.now()) / DAY);
    const rows = await certificates();
    const after = Math.ceil((Date.parse(SAMPLE_MAIN_NOT_AFTER) - Date.now()) / DAY);
    expect(rows.map((c) => c.commonName).sort()).toEqual([BLOG, SHOP]);
    for (const row of rows) {
      for (const field of ['id', 'commonName', 'orderId', 'orderStatus', 'status', 'operation', 'expireAt', 'daysLeft', 'lastEvent', 'updatedAt']) {
        expect(row, field).toHaveProperty(field);
      }
      expect(row).toMatchObject({ id: stableId(`certificate:${row.commonName}`), orderId: stableId(`order:${row.commonName}`),
        orderStatus: 'open', status: 'active', operation: 'none', expireAt: SAMPLE_MAIN_NOT_AFTER, lastEvent: 'ssl_panel.issued' });
      expect([before, after]).toContain(row.daysLeft);
      expect(Date.parse(row.updatedAt)).toBeGreaterThanOrEqual(startedAt);
      expect(Date.parse(row.updatedAt)).toBeLessThanOrEqual(Date.now());
    }
  });

  it('clears the validator that failed once the issued delivery says pre-validation passed', async () => {
    const result = await cli('certificates', '--json');
    const shop = (JSON.parse(result.stdout) as (CertificateRow & { failedValidators: string[]; preValidationStatus: string })[])
      .find((c) => c.commonName === SHOP)!;
    expect(shop.preValidationStatus).toBe('passed');
    expect(shop.failedValidators).toEqual([]);
  });
});

describe('certbell notifications --json', () => {
  it('shows the history newest first, each with its certificate and delivery', async () => {
    const rows = await notifications();
    expect(rows.map((n) => n.id)).toEqual([...rows.map((n) => n.id)].sort((a, b) => b - a));
    const ours = rows.filter((n) => n.kind !== 'expiring');
    // This serve has no session bus: nothing popped up, and the history says why for each.
    expect(ours.map((n) => [n.deliveryId, n.kind, n.title, n.shown, n.reason])).toEqual([
      ['blog-issued', 'issued', 'Certificate issued', false, 'no-notifier'],
      ['shop-issued', 'issued', 'Certificate issued', false, 'no-notifier'],
      ['shop-failed', 'failed', 'Pre-validation failed', false, 'no-notifier'],
      ['shop-created', 'info', 'Certificate created', false, 'kind-off'],
    ]);
    const shopId = stableId(`certificate:${SHOP}`);
    expect(ours[1]).toMatchObject({ certificateId: shopId, body: `${SHOP} was issued; it is valid until 2027-12-25.` });
    expect(ours[2]).toMatchObject({ certificateId: shopId, body: `${SHOP} did not pass pre-validation: kvk_validator failed.` });
    for (const n of rows) expect(Object.keys(n)).toEqual(expect.arrayContaining(['id', 'kind', 'title', 'body', 'certificateId', 'deliveryId', 'createdAt', 'shown']));
  });

  it('returns at most --limit entries, the newest ones', async () => {
    const all = await notifications();
    expect(await notifications(2)).toEqual(all.slice(0, 2));
  });
});

describe('a CA chat message', () => {
  it('attaches to the certificate of its order', async () => {
    await sendOk(CHAT, SHOP, 'shop-chat');
    const rows = await certificates();
    expect(byName(rows, SHOP)).toMatchObject({ status: 'active', lastEvent: CHAT });
    expect(byName(rows, BLOG).lastEvent).toBe('ssl_panel.issued');
    const [newest] = await notifications(1);
    expect(newest).toMatchObject({ kind: 'action', title: 'New message from the CA', deliveryId: 'shop-chat',
      certificateId: stableId(`certificate:${SHOP}`), shown: false, reason: 'no-notifier' });
    expect(newest.body.startsWith(`${SHOP}: We tried to reach the organization`)).toBe(true);
  });

  it('for an order Certbell does not know is kept unattached', async () => {
    await sendOk(CHAT, 'unknown.example.com', 'unknown-chat');
    expect((await certificates()).map((c) => c.commonName).sort()).toEqual([BLOG, SHOP]);
    const [newest] = await notifications(1);
    expect(newest).toMatchObject({ kind: 'action', deliveryId: 'unknown-chat', certificateId: null });
  });
});

describe('an aborted delivery', () => {
  it('stopped by a pre hook changes nothing in the inventory and raises no notification', async () => {
    const withoutDaysLeft = (rows: CertificateRow[]) => rows.map(({ daysLeft: _, ...rest }) => rest);
    const before = await certificates();
    const result = await send('ssl_panel.reissue_failed', SHOP, 'shop-reissue');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('503');
    expect(result.stdout).toContain('{"error":"hook failed","hook":"gate"}');
    expect(withoutDaysLeft(await certificates())).toEqual(withoutDaysLeft(before));
    const forIt = (await notifications()).filter((n) => n.deliveryId === 'shop-reissue');
    expect(forIt).toEqual([]);
  });
});

describe('the expiry check after a delivery', () => {
  it('covers every certificate, not only the one the delivery is about', async () => {
    const own = tempDataDir({ secrets: [{ label: 'k', value: SECRET }] });
    const server = await startServe(own);
    const ownCli = (...args: string[]) => runCertbell([...args, '--data-dir', own, '--url', server.webhook, '--secret', SECRET]);
    try {
      // 8 days left now, 7 days left a few seconds from now.
      const sevenDaysLeftAt = Date.now() + 4000;
      const parsed = sampleDelivery('ssl_panel.issued', { deliveryId: 'near-1', commonName: 'near.example', now: new Date() });
      (parsed.data as { certificate: Record<string, unknown> }).certificate.expireAt = new Date(sevenDaysLeftAt + 7 * DAY).toISOString();
      writeFileSync(join(own, 'near.json'), JSON.stringify(parsed));
      expect((await ownCli('send', '--file', join(own, 'near.json'))).code).toBe(0);
      const expiring = async () => (JSON.parse((await runCertbell(['notifications', '--json', '--data-dir', own])).stdout) as NotificationRow[])
        .filter((n) => n.kind === 'expiring').map((n) => n.body.split(',')[0]);
      expect(await expiring()).toEqual(['near.example expires in 8 days']);

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sevenDaysLeftAt - Date.now()) + 200));
      expect((await ownCli('send', '--event', 'ping', '--delivery-id', 'unrelated-1')).code).toBe(0);
      const deadline = Date.now() + 10_000;
      while (!(await expiring()).includes('near.example expires in 7 days') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await expiring()).toEqual(['near.example expires in 7 days', 'near.example expires in 8 days']);
    } finally {
      await server.stop();
      removeDir(own);
    }
  });
});
