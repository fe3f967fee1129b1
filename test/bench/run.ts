/**
 * `npm run bench`: certbell's webhook hot path (part `http`: raw `node:http`, the peer adnanh/webhook
 * 2.8 and certbell one after the other under the same load and bodies; then certbell's idle RSS and its
 * RSS after 100,000 deliveries), a 1,000,000-delivery store, hooks, and the UI's inspector in real
 * Chromium over 100,000 deliveries. Prints every figure next to its baseline and a PASS/FAIL summary.
 * Exit 0 even when a target fails (it is a report); 1 when the benchmark itself broke.
 *
 * CERTBELL_BENCH_SECONDS (measured seconds per load case, default 10) and CERTBELL_BENCH_ROWS
 * (default 1000000) shorten a trial run; CERTBELL_BENCH_UI_ROWS (default 100000) sizes the UI's store,
 * and CERTBELL_BENCH_PARTS (e.g. `ui` or `http,store`) runs only some parts; so do arguments
 * (`npm run bench -- edge`). CERTBELL_BENCH_DEPLOYMENT_CERTIFICATES (default 200) sizes part `deployment`. The edge part's attack lasts CERTBELL_BENCH_EDGE_SECONDS (default 20)
 * after CERTBELL_BENCH_EDGE_BASELINE_SECONDS (default 5) of the legitimate sender alone.
 */
import { rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { killAllSync, runningPids } from './children.ts';
import { printCases, runHttpBench } from './http-bench.ts';
import { storeDetail, summary } from './report.ts';
import { runHookBench } from './hook-bench.ts';
import { runStoreBench } from './store-bench.ts';
import { runUiBench, uiDetail } from './ui-bench.ts';
import { runEdgeBench } from './edge-bench.ts';
import { edgeDetail, edgeSummary } from './edge-report.ts';
import { runDeploymentBench, type DeploymentBenchResult } from './deployment-bench.ts';

const seconds = Number(process.env.CERTBELL_BENCH_SECONDS ?? 10);
const rows = Number(process.env.CERTBELL_BENCH_ROWS ?? 1_000_000);
const hookRequests = Number(process.env.CERTBELL_BENCH_HOOK_REQUESTS ?? 500);
const uiRows = Number(process.env.CERTBELL_BENCH_UI_ROWS ?? 100_000);
const edgeSeconds = Number(process.env.CERTBELL_BENCH_EDGE_SECONDS ?? 20);
const edgeBaselineSeconds = Number(process.env.CERTBELL_BENCH_EDGE_BASELINE_SECONDS ?? 5);
const deploymentCertificates = Number(process.env.CERTBELL_BENCH_DEPLOYMENT_CERTIFICATES ?? 200);
const partList = process.argv.length > 2 ? process.argv.slice(2).join(',') : (process.env.CERTBELL_BENCH_PARTS ?? 'http,store,hooks,ui,edge,deployment');
const parts = new Set(partList.split(',').map((p) => p.trim()));
const tempDirs: string[] = [];
const started = performance.now();

function log(text: string): void {
  const elapsed = ((performance.now() - started) / 1000).toFixed(0).padStart(3);
  process.stdout.write(text.includes('\n') ? `${text}\n` : `[${elapsed}s] ${text}\n`);
}

function cleanUp(): void {
  const left = runningPids();
  if (left.length > 0) log(`killing leftover child processes: ${left.join(', ')}`);
  killAllSync();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

process.once('SIGINT', () => { cleanUp(); process.exit(130); });

async function main(): Promise<number> {
  log(`certbell benchmark — Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), `
    + `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; all traffic to 127.0.0.1`);
  let http: Awaited<ReturnType<typeof runHttpBench>> | null = null;
  if (parts.has('http')) {
    log(`== 1. webhook load: raw node:http, webhook 2.8, certbell; 50 connections, 2 s warm-up + ${seconds} s measured per case, `
      + 'unique delivery id per request; then certbell\'s RSS ==');
    http = await runHttpBench({ warmupS: 2, durationS: seconds, fixedDurationS: Math.max(2, seconds / 2), tempDirs, log });
    printCases(http, log);
    const st = http.stored;
    log(`store after the load: ${st.total} records (${st.accepted} accepted, ${st.duplicate} duplicate, ${st.distinctIds} distinct ids); `
      + `2xx answers: ${http.ok2xx}`);
  }

  let store: Awaited<ReturnType<typeof runStoreBench>> | null = null;
  if (parts.has('store')) {
    log(`== 2. a store of ${rows.toLocaleString('en-US')} deliveries ==`);
    store = await runStoreBench(rows, tempDirs, log);
    log(storeDetail(store));
  }

  let hooks: Awaited<ReturnType<typeof runHookBench>> | null = null;
  if (parts.has('hooks')) {
    log('== 3. hooks ==');
    hooks = await runHookBench(hookRequests, tempDirs, log);
  }

  let ui: Awaited<ReturnType<typeof runUiBench>> | null = null;
  if (parts.has('ui')) {
    log(`== 4. the UI: the inspector in Chromium over ${uiRows.toLocaleString('en-US')} deliveries ==`);
    ui = await runUiBench(uiRows, tempDirs, log);
    log(uiDetail(ui));
  }

  let edge: ReturnType<typeof edgeSummary> | null = null;
  if (parts.has('edge')) {
    log(`== 5. the edge: a legitimate sender, alone for ${edgeBaselineSeconds} s, then ${edgeSeconds} s under attack ==`);
    const result = await runEdgeBench({ attackS: edgeSeconds, baselineS: edgeBaselineSeconds, settleMinS: 3, settleMaxS: 10, tempDirs, log });
    log(edgeDetail(result));
    edge = edgeSummary(result);
  }

  let deployment: DeploymentBenchResult | null = null;
  if (parts.has('deployment')) {
    log(`== 6. the deployment check: ${deploymentCertificates} certificates × 2 targets against local TLS servers ==`);
    deployment = await runDeploymentBench({ certificates: deploymentCertificates, phaseS: Math.max(5, seconds), rate: 50, tempDirs, log });
  }

  const others = summary(http, store, hooks, ui);
  const failed = others.failed + (edge?.failed ?? 0) + (deployment?.failed ?? 0);
  log('== summary ==');
  if (http || store || hooks || ui) log(others.text);
  if (edge) log(`the edge (legitimate sender under attack, next to the sender alone in the same run):\n${edge.text}`);
  if (deployment) log(`the deployment check (next to the same sender without rounds, in the same run):\n${deployment.text}`);
  log(failed === 0 ? 'all targets met' : `${failed} target(s) not met (the exit code stays 0: this is a report)`);
  log(`total time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

let code: number;
try {
  code = await main();
} catch (error) {
  log(`BENCHMARK BROKEN: ${(error as Error).stack ?? String(error)}`);
  code = 1;
} finally {
  cleanUp();
}
process.exitCode = code;
