/**
 * Part `http`: webhook throughput and latency of three servers, one after the other, under the same
 * load (load.ts: autocannon, 50 connections) and the same signed bodies (bodies.ts: 1 KB and 7 KB,
 * a unique delivery id per request, `Signature: sha256=HEX`): a raw `node:http` server (the
 * ceiling, not a target), the peer adnanh/webhook 2.8 (peer-webhook.ts: an HMAC trigger rule, no
 * command, nothing stored; installed with apt-get when missing, its figures marked missing when it
 * cannot run), and certbell. Certbell's store must then hold exactly as many records as there
 * were 2xx answers. Then certbell's memory: a fresh `serve`'s VmRSS once ready and quiet, and
 * again after 100,000 signed 1 KB deliveries (CERTBELL_BENCH_MEMORY_DELIVERIES) and quiet.
 * Targets (report.ts): certbell ≥ 1.0× webhook's req/s and p99 ≤ 25 ms at both sizes, zero errors,
 * stored = acknowledged, idle RSS ≤ 80 MB, RSS after the deliveries ≤ 130 MB.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { bodyFactory, generatorCostMicros } from './bodies.ts';
import { lastPid, startCertbell, startRawServer, vmBytesOf, waitQuiet, type ExitStatus } from './children.ts';
import { CONNECTIONS, runAmount, runLoad, type LoadResult } from './load.ts';
import { ensureWebhook, hooksJson, send, startWebhook, WEBHOOK_BIN, type PeerInstall } from './peer-webhook.ts';
import { int, ms, pct, ratio, table } from './stats.ts';

/** Memory figures are in MB of 10^6 bytes (VmRSS itself comes in KiB). */
export const MB = 1e6;

export const SIZES = [
  { label: '1 KB', bytes: 1024, event: 'ssl_panel.pre_validation.failed' },
  { label: '7 KB', bytes: 7168, event: 'ssl_panel.issued' },
] as const;

export interface SizeResult {
  label: string;
  raw: LoadResult;
  rawFixed: LoadResult;
  /** adnanh/webhook; null when it did not run (see HttpBenchResult.peer.reason). */
  peer: LoadResult | null;
  certbell: LoadResult;
  generatorMicros: number;
}

export interface PeerResult extends PeerInstall {
  hooks: unknown[];
  args: string[];
  /** Statuses of one correctly signed request and one with a wrong signature, before the load. */
  signedStatus: number | null;
  wrongStatus: number | null;
  /** PIDs the kernel handed out machine-wide (threads included) during webhook's load runs, and its requests then. */
  pidsCreated: number | null;
  requests: number;
  idleRss: number | null;
  exit: ExitStatus | null;
}

export interface MemoryResult {
  deliveries: number;
  /** VmRSS (all threads) once serve was ready and then quiet, and again after the deliveries and quiet. */
  idle: number | null;
  idleWaitMs: number;
  after: number | null;
  afterWaitMs: number;
  /** VmHWM: the peak RSS of the process's life. */
  peak: number | null;
  load: LoadResult | null;
  stored: StoredCounts | null;
  exit: ExitStatus | null;
  error: string | null;
}

export type StoredCounts = { total: number; accepted: number; duplicate: number; distinctIds: number };

export interface HttpBenchResult {
  sizes: SizeResult[];
  ok2xx: number;
  stored: StoredCounts;
  certbellExit: ExitStatus;
  rawIdleRss: number | null;
  peer: PeerResult;
  memory: MemoryResult;
}

export interface HttpBenchOptions {
  /** Where temporary data directories go, so the caller removes them whatever happens. */
  tempDirs: string[];
  warmupS: number;
  durationS: number;
  fixedDurationS: number;
  log: (text: string) => void;
}

export function makeDataDir(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'certbell-bench-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return dir;
}

export function storedCounts(dataDir: string): StoredCounts {
  const db = new DatabaseSync(join(dataDir, 'certbell.db'), { readOnly: true });
  try {
    const byOutcome = db.prepare('SELECT outcome, COUNT(*) AS n FROM deliveries GROUP BY outcome').all() as { outcome: string; n: number }[];
    const n = (outcome: string) => byOutcome.find((r) => r.outcome === outcome)?.n ?? 0;
    const distinct = db.prepare('SELECT COUNT(DISTINCT delivery_id) AS n FROM deliveries').get() as { n: number };
    return { total: byOutcome.reduce((a, r) => a + r.n, 0), accepted: n('accepted'), duplicate: n('duplicate'), distinctIds: distinct.n };
  } finally {
    db.close();
  }
}

function caseRow(name: string, r: LoadResult | null): string[] {
  if (r === null) return [name, 'missing'];
  return [name, int(r.requests), `${r.seconds.toFixed(1)} s${r.cut ? ' (cut)' : ''}`, int(r.rps), ms(r.p50), ms(r.p99),
    int(r.errors + r.non2xx), int(r.non2xx), int(r.errors), pct(r.serverCpu), pct(r.clientCpu), pct(r.otherCpu)];
}

function ratioRow(name: string, a: LoadResult | null, b: LoadResult | null): string[] {
  if (a === null || b === null) return [name, 'n/a', 'n/a', 'n/a'];
  return [name, ratio(a.rps, b.rps), ratio(a.p50, b.p50), ratio(a.p99, b.p99)];
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / MB).toFixed(1)} MB`);

export function printCases(h: HttpBenchResult, log: (text: string) => void): void {
  const { sizes, peer } = h;
  const peerName = peer.ok ? `webhook ${peer.version.replace(/^webhook version /, '')}` : 'webhook (adnanh/webhook)';
  for (const s of sizes) {
    log(`${s.label} (errors = non-2xx + socket errors, measured run):\n` + table([
      ['case', 'requests', 'time', 'req/s', 'p50', 'p99', 'errors', 'non-2xx', 'socket', 'server CPU', 'client CPU', 'other CPU'],
      caseRow('raw node:http, one fixed body', s.rawFixed), caseRow('raw node:http', s.raw), caseRow(peerName, s.peer),
      caseRow('certbell', s.certbell),
    ]) + table([
      ['ratio', 'req/s', 'p50', 'p99'],
      ratioRow('certbell / webhook', s.certbell, s.peer), ratioRow('certbell / raw', s.certbell, s.raw), ratioRow('webhook / raw', s.peer, s.raw),
    ]));
  }
  log('CPU: share of one core during the measured run; the machine has 2, shared by the load generator (client),\n'
    + 'the server, and anything else running (other).\n');
  for (const s of sizes) {
    const capacity = 1e6 / s.generatorMicros;
    log(`${s.label}: generator ${s.generatorMicros.toFixed(1)} µs/request (≈${int(capacity)} req/s on one core; `
      + `${pct((s.raw.rps * s.generatorMicros) / 1e6)} of a core at the raw rate); `
      + `raw with generated bodies / raw with one fixed body = ${ratio(s.raw.rps, s.rawFixed.rps)}`);
  }
  const busy = sizes.flatMap((s) => ([['raw fixed', s.rawFixed], ['raw', s.raw], ['webhook', s.peer], ['certbell', s.certbell]] as const)
    .filter(([, r]) => r !== null && r.otherCpu !== null && r.otherCpu > 0.2).map(([name, r]) => `${s.label} ${name} ${pct(r!.otherCpu)}`));
  if (busy.length > 0) {
    log(`NOTE: other processes took more than 20% of a core during ${busy.join(', ')}: those figures are not clean; run again on a quiet machine.`);
  }
  if (peer.signedStatus !== null) {
    const perRequest = peer.pidsCreated === null ? 'n/a (no /proc/loadavg)'
      : peer.pidsCreated < peer.requests / 100 ? 'no process per request' : 'A PROCESS PER REQUEST, it seems';
    log(`${peerName}: ${int(peer.pidsCreated ?? NaN)} PIDs created machine-wide (threads included) during its ${int(peer.requests)} requests: `
      + `${perRequest}; idle RSS ${mb(peer.idleRss)} (raw node:http ${mb(h.rawIdleRss)}); stopped with ${peer.exit?.code ?? peer.exit?.signal ?? '?'}`);
  }
  if (peer.reason) log(`${peerName}: figures MISSING: ${peer.reason}`);
  const m = h.memory;
  log(`certbell memory (fresh data dir): VmRSS ${mb(m.idle)} idle (after ${(m.idleWaitMs / 1000).toFixed(1)} s), `
    + `${mb(m.after)} after ${int(m.load?.ok2xxAll ?? NaN)} of ${int(m.deliveries)} 1 KB deliveries answered 2xx `
    + `(${m.load ? `${int(m.load.rps)} req/s, ${int(m.load.errorsAll + m.load.non2xxAll)} errors` : 'not run'}; then quiet after `
    + `${(m.afterWaitMs / 1000).toFixed(1)} s), peak VmHWM ${mb(m.peak)}; stored ${int(m.stored?.total ?? NaN)}`
    + (m.error ? `; ERROR: ${m.error}` : ''));
}

/** The two-request check: a correctly signed delivery must get 2xx, a wrong signature must not. */
async function signatureCheck(url: string, secret: string): Promise<{ signed: number; wrong: number }> {
  const good = bodyFactory(1024, secret, SIZES[0].event).next();
  const bad = bodyFactory(1024, secret, SIZES[0].event).next();
  const signed = (await send('POST', url, good.body, { Signature: good.signature })).status;
  const wrong = (await send('POST', url, bad.body, { Signature: `sha256=${'0'.repeat(64)}` })).status;
  return { signed, wrong };
}

const is2xx = (status: number | null) => status !== null && status >= 200 && status < 300;

/** A fresh `certbell serve`: VmRSS once quiet, then after `deliveries` signed 1 KB deliveries and quiet again. */
async function runMemory(secret: string, deliveries: number, tempDirs: string[], log: (text: string) => void): Promise<MemoryResult> {
  const m: MemoryResult = { deliveries, idle: null, idleWaitMs: 0, after: null, afterWaitMs: 0, peak: null, load: null, stored: null, exit: null, error: null };
  const dataDir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } });
  tempDirs.push(dataDir);
  try {
    const server = await startCertbell(dataDir);
    try {
      m.idleWaitMs = await waitQuiet(server.pid);
      m.idle = vmBytesOf(server.pid);
      log(`  certbell pid ${server.pid}: VmRSS ${mb(m.idle)} ${(m.idleWaitMs / 1000).toFixed(1)} s after ready; sending ${int(deliveries)} 1 KB deliveries ...`);
      m.load = await runAmount({ url: server.webhook, serverPid: server.pid, bodies: bodyFactory(1024, secret, SIZES[0].event) }, deliveries, 600);
      m.afterWaitMs = await waitQuiet(server.pid);
      m.after = vmBytesOf(server.pid);
      m.peak = vmBytesOf(server.pid, 'VmHWM');
    } finally {
      m.exit = await server.stop('SIGTERM');
    }
    m.stored = storedCounts(dataDir);
  } catch (error) {
    m.error = (error as Error).message.split('\n').slice(0, 5).join(' | ');
  }
  return m;
}

export async function runHttpBench(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const { log } = options;
  const secret = randomBytes(16).toString('hex');
  const dataDir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } });
  options.tempDirs.push(dataDir);
  log(`certbell data dir: ${dataDir}`);
  const install = ensureWebhook(log);
  const peer: PeerResult = { ...install, hooks: hooksJson('<the bench secret>'), args: [], signedStatus: null, wrongStatus: null,
    pidsCreated: 0, requests: 0, idleRss: null, exit: null };
  log(`peer: ${install.ok ? `${install.version} (${install.what.split('\n')[0]})` : `MISSING: ${install.reason}`}`);
  const raw = await startRawServer();
  const certbell = await startCertbell(dataDir).catch(async (error: Error) => { await raw.stop(); throw error; });
  let webhook: Awaited<ReturnType<typeof startWebhook>> | null = null;
  if (install.ok) {
    try {
      webhook = await startWebhook(secret, options.tempDirs);
      peer.args = webhook.args;
    } catch (error) {
      peer.reason = `webhook did not start: ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`;
    }
  }
  log(`raw server pid ${raw.pid} at ${raw.url}; certbell pid ${certbell.pid} at ${certbell.webhook}`
    + (webhook ? `; webhook pid ${webhook.pid} at ${webhook.url} (${WEBHOOK_BIN} ${webhook.args.join(' ')})` : ''));
  log(`webhook hooks file (the secret replaced here): ${JSON.stringify(peer.hooks)}`);
  const sizes: SizeResult[] = [];
  let ok2xx = 0;
  let certbellExit: ExitStatus;
  let rawIdleRss: number | null;
  try {
    if (webhook) {
      const check = await signatureCheck(webhook.url, secret);
      peer.signedStatus = check.signed;
      peer.wrongStatus = check.wrong;
      log(`webhook: signed request -> ${check.signed}, wrong signature -> ${check.wrong}`);
      if (!is2xx(check.signed) || is2xx(check.wrong)) {
        peer.reason = `webhook answered ${check.signed} to a signed request and ${check.wrong} to a wrong signature`;
        peer.exit = await webhook.stop('SIGTERM');
        webhook = null;
      }
    }
    await waitQuiet(raw.pid, 1000, 5000);
    rawIdleRss = vmBytesOf(raw.pid);
    if (webhook) peer.idleRss = vmBytesOf(webhook.pid);
    for (const size of SIZES) {
      const generatorMicros = generatorCostMicros(size.bytes, secret, size.event);
      const fixed = bodyFactory(size.bytes, secret, size.event).next();
      const common = { warmupS: options.warmupS, durationS: options.durationS };
      const timing = `(${options.warmupS} s warm-up + ${options.durationS} s)`;
      log(`${size.label}: raw, one fixed body (${options.fixedDurationS} s) ...`);
      const rawFixed = await runLoad({ url: raw.url, serverPid: raw.pid, bodies: { fixed: fixed.body, signature: fixed.signature },
        warmupS: 1, durationS: options.fixedDurationS });
      log(`${size.label}: raw, fresh signed body per request ${timing} ...`);
      const rawResult = await runLoad({ url: raw.url, serverPid: raw.pid, bodies: bodyFactory(size.bytes, secret, size.event), ...common });
      let peerResult: LoadResult | null = null;
      if (webhook) {
        log(`${size.label}: webhook, fresh signed body per request ${timing} ...`);
        const pidBefore = lastPid();
        try {
          peerResult = await runLoad({ url: webhook.url, serverPid: webhook.pid, bodies: bodyFactory(size.bytes, secret, size.event), ...common });
          const pidAfter = lastPid();
          const created = pidBefore === null || pidAfter === null || pidAfter < pidBefore ? null : pidAfter - pidBefore;
          peer.pidsCreated = peer.pidsCreated === null || created === null ? null : peer.pidsCreated + created;
          peer.requests += peerResult.ok2xxAll + peerResult.non2xxAll + peerResult.errorsAll;
        } catch (error) {
          peer.reason = `the load on webhook broke: ${(error as Error).message}`;
        }
      }
      log(`${size.label}: certbell, fresh signed body per request ${timing} ...`);
      const factory = bodyFactory(size.bytes, secret, size.event);
      const certbellResult = await runLoad({ url: certbell.webhook, serverPid: certbell.pid, bodies: factory, ...common });
      ok2xx += certbellResult.ok2xxAll;
      log(`  certbell got ${int(factory.count())} distinct delivery ids, ${int(certbellResult.ok2xxAll)} answered 2xx`);
      sizes.push({ label: size.label, raw: rawResult, rawFixed, peer: peerResult, certbell: certbellResult, generatorMicros });
    }
  } finally {
    await raw.stop('SIGTERM');
    if (webhook) peer.exit = await webhook.stop('SIGTERM');
    certbellExit = await certbell.stop('SIGTERM');
  }
  log(`${CONNECTIONS} connections; certbell stopped with ${certbellExit.code ?? certbellExit.signal}`);
  const stored = storedCounts(dataDir);
  const deliveries = Number(process.env.CERTBELL_BENCH_MEMORY_DELIVERIES ?? 100_000);
  log(`certbell memory: a fresh serve, idle, then ${int(deliveries)} signed 1 KB deliveries (unique ids, ${CONNECTIONS} connections) ...`);
  const memory = await runMemory(secret, deliveries, options.tempDirs, log);
  return { sizes, ok2xx, stored, certbellExit, rawIdleRss, peer, memory };
}
