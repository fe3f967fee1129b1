// Durability: deliveries sent concurrently, the server killed with SIGKILL mid-stream, restarted;
// every delivery that got a 2xx is listed with its exact body.
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir } from '../helpers/certbell-process.ts';
import { signedDelivery } from '../helpers/http.ts';
import { openDatabaseSync } from '../../electron/core/store/database.ts';
import { DeliveryStore } from '../../electron/core/store/delivery-store.ts';

const SECRET = 'crash-secret';
let dir: string;

afterAll(() => {
  killAllServe();
  if (dir) removeDir(dir);
});

function send(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false,
      headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged delivery across a SIGKILL', async () => {
    dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }] });
    const server = await startServe(dir);
    const acknowledged = new Map<string, string>();
    let sent = 0;
    // Each lane sends until a request fails (the server is gone), so requests are in flight across the kill.
    const worker = async (lane: number) => {
      for (let i = 0; ; i++) {
        const deliveryId = `crash-${lane}-${i}`;
        const { body, headers } = signedDelivery(SECRET, { deliveryId, data: { lane, i, pad: 'p'.repeat(500 + ((lane * 31 + i) % 700)) } });
        sent++;
        const status = await send(server.webhook, body, headers);
        if (status >= 200 && status < 300) acknowledged.set(deliveryId, body);
        if (status === 0) return;
      }
    };
    const lanes = Array.from({ length: 16 }, (_, lane) => worker(lane));
    while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 5));
    const exit = await server.stop('SIGKILL');
    expect(exit, `serve ended before the kill; its stderr:\n${server.stderr()}`).toEqual({ code: null, signal: 'SIGKILL' });
    await Promise.all(lanes);
    expect(sent).toBeGreaterThan(acknowledged.size);

    const restarted = await startServe(dir);
    try {
      const rows = JSON.parse((await runCertbell(['deliveries', '--json', '--limit', '100000', '--data-dir', dir])).stdout);
      const stored = new Set(rows.filter((r: { outcome: string }) => r.outcome === 'accepted').map((r: { deliveryId: string }) => r.deliveryId));
      const missing = [...acknowledged.keys()].filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      const db = openDatabaseSync(join(dir, 'certbell.db'));
      try {
        const store = new DeliveryStore(db);
        for (const [id, body] of acknowledged) {
          const record = store.reads.find(id)!;
          expect(store.reads.rawBody(record.id)?.toString(), id).toBe(body);
        }
      } finally {
        db.close();
      }
      const sample = [...acknowledged.entries()].filter((_, i) => i % 50 === 0);
      for (const [id, body] of sample) {
        const raw = await runCertbell(['delivery', id, '--raw', '--data-dir', dir]);
        expect(raw.stdoutBytes.toString()).toBe(body);
      }
      const { body, headers } = signedDelivery(SECRET, { deliveryId: 'after-restart' });
      expect(await send(restarted.webhook, body, headers)).toBe(200);
    } finally {
      await restarted.stop();
    }
  });
});
