/**
 * Part 3: what a delivery spends in Certbell beyond its hook's own run time, with one pre hook
 * running /bin/true: client latency minus the run's recorded duration, one delivery at a time.
 * Baseline: the same measured on a raw node:http server that spawns /bin/true itself.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { post } from '../helpers/http.ts';
import { bodyFactory } from './bodies.ts';
import { startCertbell, startServer } from './children.ts';
import { makeDataDir } from './http-bench.ts';
import { percentile } from './stats.ts';

const HOOK_RAW_SERVER = join(import.meta.dirname, 'hook-raw-server.ts');

export interface HookBenchResult {
  requests: number;
  overheadP50: number;
  overheadP99: number;
  hookP50: number;
  rawOverheadP50: number;
  rawOverheadP99: number;
  rawHookP50: number;
  statuses: Record<string, number>;
}

function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

async function certbellOverheads(requests: number, tempDirs: string[]): Promise<{ overhead: number[]; hook: number[]; statuses: Record<string, number> }> {
  const secret = randomBytes(16).toString('hex');
  const dataDir = makeDataDir({ secrets: [{ label: 'bench', value: secret }],
    hooks: [{ name: 'true', stage: 'pre', events: ['*'], command: ['/bin/true'] }] });
  tempDirs.push(dataDir);
  const serve = await startCertbell(dataDir);
  const factory = bodyFactory(4096, secret, 'ssl_panel.issued');
  const latencies = new Map<string, number>();
  const statuses: Record<string, number> = {};
  try {
    for (let i = 0; i < requests + 20; i++) {
      const { deliveryId, body, signature } = factory.next();
      const started = performance.now();
      const response = await post(serve.webhook, body, { Signature: signature });
      if (i >= 20) latencies.set(deliveryId, performance.now() - started);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  } finally {
    await serve.stop('SIGTERM');
  }
  const db = new DatabaseSync(join(dataDir, 'certbell.db'), { readOnly: true });
  try {
    const rows = db.prepare(`SELECT d.delivery_id AS id, h.duration_ms AS ms FROM deliveries d
      JOIN hook_runs h ON h.delivery = d.id`).all() as { id: string; ms: number }[];
    const overhead: number[] = [];
    const hook: number[] = [];
    for (const row of rows) {
      const latency = latencies.get(row.id);
      if (latency === undefined) continue;
      overhead.push(latency - row.ms);
      hook.push(row.ms);
    }
    return { overhead, hook, statuses };
  } finally {
    db.close();
  }
}

async function rawOverheads(requests: number): Promise<{ overhead: number[]; hook: number[] }> {
  const raw = await startServer([HOOK_RAW_SERVER], 'raw ready ');
  const url = raw.readyLine.slice('raw ready '.length).trim();
  const overhead: number[] = [];
  const hook: number[] = [];
  try {
    for (let i = 0; i < requests + 20; i++) {
      const started = performance.now();
      const response = await post(url, '{"data":{}}');
      const latency = performance.now() - started;
      const hookMs = Number(response.headers['x-hook-ms']);
      if (i >= 20) { overhead.push(latency - hookMs); hook.push(hookMs); }
    }
  } finally {
    await raw.stop('SIGTERM');
  }
  return { overhead, hook };
}

export async function runHookBench(requests: number, tempDirs: string[], log: (text: string) => void): Promise<HookBenchResult> {
  log(`hook overhead: ${requests} deliveries one at a time (4 KB ssl_panel.issued with its PEM chain), pre hook /bin/true (certbell, then the raw baseline) ...`);
  const certbell = await certbellOverheads(requests, tempDirs);
  const raw = await rawOverheads(requests);
  const [o, h, ro, rh] = [certbell.overhead, certbell.hook, raw.overhead, raw.hook].map(sorted);
  return {
    requests: o.length, overheadP50: percentile(o, 0.5), overheadP99: percentile(o, 0.99), hookP50: percentile(h, 0.5),
    rawOverheadP50: percentile(ro, 0.5), rawOverheadP99: percentile(ro, 0.99), rawHookP50: percentile(rh, 0.5),
    statuses: certbell.statuses,
  };
}
