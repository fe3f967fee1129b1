/**
 * Part 1: webhook throughput and latency, certbell against the raw `node:http` ceiling, for 1 KB
 * and 7 KB signed bodies with a unique delivery id each; then the store must hold exactly as
 * many records as there were 2xx answers.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { bodyFactory, generatorCostMicros } from './bodies.ts';
import { startCertbell, startRawServer, type ExitStatus } from './children.ts';
import { CONNECTIONS, runLoad, type LoadResult } from './load.ts';
import { int, ms, pct, ratio, table } from './stats.ts';

export const SIZES = [
  { label: '1 KB', bytes: 1024, event: 'ssl_panel.pre_validation.failed' },
  { label: '7 KB', bytes: 7168, event: 'ssl_panel.issued' },
] as const;

export interface SizeResult {
  label: string;
  raw: LoadResult;
  rawFixed: LoadResult;
  certbell: LoadResult;
  generatorMicros: number;
}

export interface HttpBenchResult {
  sizes: SizeResult[];
  ok2xx: number;
  stored: { total: number; accepted: number; duplicate: number; distinctIds: number };
  certbellExit: ExitStatus;
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

export function storedCounts(dataDir: string): HttpBenchResult['stored'] {
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

function caseRow(name: string, r: LoadResult): string[] {
  return [name, int(r.requests), `${r.seconds.toFixed(1)} s${r.cut ? ' (cut)' : ''}`, int(r.rps), ms(r.p50), ms(r.p99),
    int(r.errors), int(r.non2xx), pct(r.serverCpu), pct(r.clientCpu), pct(r.otherCpu)];
}

export function printCases(sizes: readonly SizeResult[], log: (text: string) => void): void {
  const rows = [['case', 'requests', 'time', 'req/s', 'p50', 'p99', 'errors', 'non-2xx', 'server CPU', 'client CPU', 'other CPU']];
  for (const s of sizes) {
    rows.push(caseRow(`raw ${s.label} fixed body`, s.rawFixed), caseRow(`raw ${s.label}`, s.raw), caseRow(`certbell ${s.label}`, s.certbell));
  }
  log(table(rows));
  log('CPU: share of one core during the measured run; the machine has 2, shared by the load generator (client),\n'
    + 'the server, and anything else running (other).\n');
  for (const s of sizes) {
    const capacity = 1e6 / s.generatorMicros;
    log(`${s.label}: generator ${s.generatorMicros.toFixed(1)} µs/request (≈${int(capacity)} req/s on one core; `
      + `${pct((s.raw.rps * s.generatorMicros) / 1e6)} of a core at the raw rate); `
      + `raw with generated bodies / raw with one fixed body = ${ratio(s.raw.rps, s.rawFixed.rps)}`);
  }
}

export async function runHttpBench(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const { log } = options;
  const secret = randomBytes(16).toString('hex');
  const dataDir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } });
  options.tempDirs.push(dataDir);
  log(`certbell data dir: ${dataDir}`);
  const raw = await startRawServer();
  const certbell = await startCertbell(dataDir).catch(async (error: Error) => { await raw.stop(); throw error; });
  log(`raw server pid ${raw.pid} at ${raw.url}; certbell pid ${certbell.pid} at ${certbell.webhook}`);
  const sizes: SizeResult[] = [];
  let ok2xx = 0;
  let certbellExit: ExitStatus;
  try {
    for (const size of SIZES) {
      const generatorMicros = generatorCostMicros(size.bytes, secret, size.event);
      const fixed = bodyFactory(size.bytes, secret, size.event).next();
      const common = { warmupS: options.warmupS, durationS: options.durationS };
      log(`${size.label}: raw, one fixed body (${options.fixedDurationS} s) ...`);
      const rawFixed = await runLoad({ url: raw.url, serverPid: raw.pid, bodies: { fixed: fixed.body, signature: fixed.signature },
        warmupS: 1, durationS: options.fixedDurationS });
      log(`${size.label}: raw, fresh signed body per request (${options.warmupS} s warm-up + ${options.durationS} s) ...`);
      const rawResult = await runLoad({ url: raw.url, serverPid: raw.pid, bodies: bodyFactory(size.bytes, secret, size.event), ...common });
      log(`${size.label}: certbell, fresh signed body per request (${options.warmupS} s warm-up + ${options.durationS} s) ...`);
      const factory = bodyFactory(size.bytes, secret, size.event);
      const certbellResult = await runLoad({ url: certbell.webhook, serverPid: certbell.pid, bodies: factory, ...common });
      ok2xx += certbellResult.ok2xxAll;
      log(`  certbell got ${int(factory.count())} distinct delivery ids, ${int(certbellResult.ok2xxAll)} answered 2xx`);
      sizes.push({ label: size.label, raw: rawResult, rawFixed, certbell: certbellResult, generatorMicros });
    }
  } finally {
    await raw.stop('SIGTERM');
    certbellExit = await certbell.stop('SIGTERM');
  }
  log(`${CONNECTIONS} connections; certbell stopped with ${certbellExit.code ?? certbellExit.signal}`);
  return { sizes, ok2xx, stored: storedCounts(dataDir), certbellExit };
}
