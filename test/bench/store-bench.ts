/**
 * Part 2: a store of 1,000,000 deliveries. Query time of `DeliveryStore.list({event, limit: 100})`
 * (and the raw SQL it runs, as the baseline), wall time of the CLI, start-up time of `serve`, and
 * what retention's periodic pass costs on that many rows.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabaseSync } from '../../electron/core/store/database.ts';
import { DeliveryStore } from '../../electron/core/store/delivery-store.ts';
import { pruneBatchSync } from '../../electron/core/store/write/retention.ts';
import { post } from '../helpers/http.ts';
import { bodyFactory } from './bodies.ts';
import { CERTBELL_BIN, runToEnd, startCertbell, startRawServer } from './children.ts';
import { EVENT_WEIGHTS, fillDeliveriesSync } from './fill-db.ts';
import { makeDataDir } from './http-bench.ts';
import { max, median } from './stats.ts';

const LIST_RUNS = 9;
const STARTS = 3;

export interface ListTiming {
  event: string;
  /** Rows of this event in the store. */
  inStore: number;
  /** Rows returned. */
  rows: number;
  firstMs: number;
  medianMs: number;
  maxMs: number;
  rawMedianMs: number;
  /** Every run after the first. */
  warmMs: number[];
}

export interface StoreBenchResult {
  rows: number;
  fillMs: number;
  dbBytes: number;
  plan: string;
  list: ListTiming[];
  cli: { event: string; runsMs: number[]; ok: boolean; nodeRunsMs: number[] };
  startup: { runsMs: number[]; exitCodes: (number | null)[]; emptyRunsMs: number[]; rawRunsMs: number[] };
  retentionPassMs: number[];
  /** `firstMs`: the first request (cold code paths); `maxMs`/`atMs`: the worst of the others. */
  stall: { requests: number; firstMs: number; maxMs: number; atMs: number; medianMs: number; over10Ms: number;
    statuses: Record<string, number> };
}

const SUMMARY_SQL = `SELECT id, delivery_id, attempt, received_at, event, entity_id, common_name, signature, outcome, status
  FROM deliveries WHERE event = ? ORDER BY id DESC LIMIT ?`;

function timeListSync(file: string, counts: Map<string, number>): { list: ListTiming[]; plan: string } {
  const db = openDatabaseSync(file);
  try {
    const store = new DeliveryStore(db);
    const raw = db.prepare(SUMMARY_SQL);
    const list = Object.keys(EVENT_WEIGHTS).map((event) => {
      const times: number[] = [];
      const rawTimes: number[] = [];
      let rows = 0;
      for (let i = 0; i <= LIST_RUNS; i++) {
        let t = performance.now();
        rows = store.reads.list({ event, limit: 100 }).length;
        times.push(performance.now() - t);
        t = performance.now();
        raw.all(event, 100);
        rawTimes.push(performance.now() - t);
      }
      const [firstMs, ...warm] = times;
      return { event, inStore: counts.get(event) ?? 0, rows, firstMs, medianMs: median(warm), maxMs: max(warm), rawMedianMs: median(rawTimes.slice(1)), warmMs: warm };
    });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${SUMMARY_SQL}`).all('x', 100) as { detail: string }[]).map((r) => r.detail).join('; ');
    return { list, plan };
  } finally {
    db.close();
  }
}

/** Retention's pass as `serve` runs it 2 s after start and every 10 minutes, with nothing to delete. */
function timeRetentionSync(file: string): number[] {
  const db = openDatabaseSync(file);
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const deleted = pruneBatchSync(db, { maxDeliveries: 2_000_000, maxDays: 365 }, Date.now());
      times.push(performance.now() - t);
      if (deleted !== 0) throw new Error(`retention deleted ${deleted} rows; the fill should be within limits`);
    }
    return times;
  } finally {
    db.close();
  }
}

async function timeCli(dataDir: string, event: string, log: (text: string) => void): Promise<StoreBenchResult['cli']> {
  const runsMs: number[] = [];
  const nodeRunsMs: number[] = [];
  let ok = true;
  for (let i = 0; i < STARTS; i++) {
    const run = await runToEnd([CERTBELL_BIN, 'deliveries', '--event', event, '--limit', '100', '--json', '--data-dir', dataDir]);
    runsMs.push(run.wallMs);
    const rows = run.code === 0 ? JSON.parse(run.stdout) as { event: string }[] : [];
    if (run.code !== 0 || rows.length !== 100 || rows.some((r) => r.event !== event)) {
      ok = false;
      log(`  certbell deliveries exited ${run.code}: ${run.stderr.trim().slice(0, 300)}`);
    }
    nodeRunsMs.push((await runToEnd(['-e', '0'])).wallMs);
  }
  return { event, runsMs, ok, nodeRunsMs };
}

async function timeStartups(dataDir: string, emptyDir: string): Promise<StoreBenchResult['startup']> {
  const result: StoreBenchResult['startup'] = { runsMs: [], exitCodes: [], emptyRunsMs: [], rawRunsMs: [] };
  for (let i = 0; i < STARTS; i++) {
    const full = await startCertbell(dataDir);
    result.runsMs.push(full.readyMs);
    result.exitCodes.push((await full.stop('SIGTERM')).code);
    const empty = await startCertbell(emptyDir);
    result.emptyRunsMs.push(empty.readyMs);
    await empty.stop('SIGTERM');
    const raw = await startRawServer();
    result.rawRunsMs.push(raw.readyMs);
    await raw.stop('SIGTERM');
  }
  return result;
}

/**
 * One client posting one delivery at a time for 4 s right after `serve` starts on the big store.
 * The client's own HTTP path is warmed on a raw server first: a cold client adds ~15 ms to its
 * first request whatever the server (measured against the raw server), which is not a stall of
 * the server's.
 */
async function ingestAfterStart(dataDir: string, secret: string): Promise<StoreBenchResult['stall']> {
  const raw = await startRawServer();
  try {
    for (let i = 0; i < 20; i++) await post(raw.url, Buffer.from('{}'), { Signature: 'warm-up' });
  } finally {
    await raw.stop('SIGTERM');
  }
  const serve = await startCertbell(dataDir);
  const factory = bodyFactory(1024, secret, 'ssl_panel.pre_validation.failed');
  const latencies: { at: number; ms: number }[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  try {
    while (performance.now() - started < 4000) {
      const { body, signature } = factory.next();
      const t = performance.now();
      const response = await post(serve.webhook, body, { Signature: signature });
      latencies.push({ at: t - started, ms: performance.now() - t });
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  } finally {
    await serve.stop('SIGTERM');
  }
  // The first request runs the server's whole ingest path for the first time (interpreted, lazy
  // initialisation): reported on its own. A stall of start-up work shows in the later ones.
  const [first, ...rest] = latencies;
  const worst = rest.reduce((a, b) => (b.ms > a.ms ? b : a), { at: 0, ms: 0 });
  return { requests: latencies.length, firstMs: first.ms, maxMs: worst.ms, atMs: worst.at,
    medianMs: median(latencies.map((l) => l.ms)), over10Ms: latencies.filter((l) => l.ms > 10).length, statuses };
}

export async function runStoreBench(rows: number, tempDirs: string[], log: (text: string) => void): Promise<StoreBenchResult> {
  const secret = randomBytes(16).toString('hex');
  const config = { secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } };
  const dataDir = makeDataDir(config);
  const emptyDir = makeDataDir(config);
  tempDirs.push(dataDir, emptyDir);
  const file = join(dataDir, 'certbell.db');
  log(`filling ${file} with ${rows.toLocaleString('en-US')} deliveries ...`);
  const fillStarted = performance.now();
  const counts = fillDeliveriesSync(file, rows, log);
  const fillMs = performance.now() - fillStarted;
  const dbBytes = statSync(file).size;
  log('timing DeliveryStore.list({event, limit: 100}) ...');
  const { list, plan } = timeListSync(file, counts);
  const rarest = Object.entries(EVENT_WEIGHTS).sort((a, b) => a[1] - b[1])[0][0];
  log(`timing certbell deliveries --event ${rarest} --limit 100 --json ...`);
  const cli = await timeCli(dataDir, rarest, log);
  log('timing serve start-up (full store, empty store, raw node:http) ...');
  const startup = await timeStartups(dataDir, emptyDir);
  log('timing retention\'s pass on the full store, and ingest right after serve starts ...');
  const retentionPassMs = timeRetentionSync(file);
  const stall = await ingestAfterStart(dataDir, secret);
  return { rows, fillMs, dbBytes, plan, list, cli, startup, retentionPassMs, stall };
}
