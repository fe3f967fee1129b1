/**
 * One load case with autocannon: a warm-up, then a measured run. Runs are bounded by a request
 * count (autocannon's `amount`), sized from the warm-up rate to last about the wanted seconds, so
 * no request is in flight when a run ends and every request sent gets counted — the store check
 * can then be exact. Latencies are recorded from autocannon's `response` events with sub-ms
 * precision (its histogram keeps whole ms); CPU of the server (by PID) and of this process is sampled.
 */
import autocannon from 'autocannon';
import { cpuMsOf, machineBusyMs } from './children.ts';
import type { BodyFactory } from './bodies.ts';
import { percentile } from './stats.ts';

export const CONNECTIONS = 50;
const WARMUP_CHUNK = 2_000;

export interface LoadCase {
  url: string;
  serverPid: number;
  /** Fresh signed body per request; or one fixed body for every request (the generator-free check). */
  bodies: BodyFactory | { fixed: Buffer; signature: string };
  warmupS: number;
  durationS: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** 2xx answers of warm-up and measured run together (what the store must hold). */
  ok2xxAll: number;
  non2xxAll: number;
  errorsAll: number;
  /** The measured run hit its time guard and was stopped with requests in flight. */
  cut: boolean;
  serverCpu: number | null;
  clientCpu: number;
  /** Everything else on the machine (other jobs, kernel threads), as a share of one core. */
  otherCpu: number | null;
}

interface AutocannonClient {
  getRequestBuffer(): Buffer;
}

function requestOptions(load: LoadCase) {
  const { bodies } = load;
  const headers = { 'Content-Type': 'application/json' };
  if ('fixed' in bodies) return { method: 'POST', body: bodies.fixed, headers: { ...headers, Signature: bodies.signature } };
  const url = new URL(load.url);
  // setupClient is autocannon's per-connection hook; replacing the buffer getter skips its
  // per-request rebuild (headers object merge, string join, copy), which made the load generator,
  // not the server under test, the bottleneck (raw ceiling 31k instead of 50k req/s at 1 KB).
  const setupClient = (client: AutocannonClient) => { client.getRequestBuffer = bodies.requestWriter(url.host, url.pathname); };
  return { method: 'POST', headers, setupClient };
}

interface Fired {
  result: Awaited<ReturnType<typeof autocannon>>;
  cut: boolean;
  /** Milliseconds from the start to the last answer (autocannon itself ends on its next 1 s tick). */
  activeMs: number;
  /** CPU readings at the start and at the last answer. */
  cpu: { server: number | null; client: NodeJS.CpuUsage; machine: number | null };
}

async function fire(load: LoadCase, amount: number, guardS: number, latencies?: number[]): Promise<Fired> {
  const serverBefore = cpuMsOf(load.serverPid);
  const machineBefore = machineBusyMs();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const instance = autocannon({ url: load.url, connections: CONNECTIONS, amount, timeout: 10, ...requestOptions(load) });
  let cut = false;
  let answered = 0;
  let activeMs = 0;
  let cpu: Fired['cpu'] = { server: null, client: clientBefore, machine: null };
  const sampleCpu = () => {
    const after = cpuMsOf(load.serverPid);
    const machine = machineBusyMs();
    cpu = { server: after === null || serverBefore === null ? null : after - serverBefore, client: process.cpuUsage(clientBefore),
      machine: machine === null || machineBefore === null ? null : machine - machineBefore };
  };
  const guard = setTimeout(() => { cut = true; activeMs = performance.now() - started; sampleCpu(); instance.stop(); }, guardS * 1000);
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies?.push(ms);
    if (++answered < amount) return;
    activeMs = performance.now() - started;
    sampleCpu();
  });
  try {
    const result = await instance;
    if (activeMs === 0) { activeMs = performance.now() - started; sampleCpu(); }
    return { result, cut, activeMs, cpu };
  } finally {
    clearTimeout(guard);
  }
}

interface Totals {
  ok2xx: number;
  non2xx: number;
  errors: number;
  activeMs: number;
  serverCpuMs: number | null;
  clientCpuMs: number;
  machineCpuMs: number | null;
  statusCodes: Record<string, number>;
  cut: boolean;
  /** Answers per second of the last chunk: the best guess for sizing the next one. */
  rate: number;
}

/**
 * Runs for about `seconds` of active time as a few request-count-bounded chunks, each sized from
 * the rate seen so far (the first from `rate`, or WARMUP_CHUNK when unknown).
 */
async function runFor(load: LoadCase, seconds: number, rate: number, latencies?: number[]): Promise<Totals> {
  const t: Totals = { ok2xx: 0, non2xx: 0, errors: 0, activeMs: 0, serverCpuMs: 0, clientCpuMs: 0, machineCpuMs: 0, statusCodes: {}, cut: false, rate };
  while (t.activeMs < seconds * 900 && !t.cut) {
    const remainingS = seconds - t.activeMs / 1000;
    const amount = Math.max(WARMUP_CHUNK, Math.round(t.rate * remainingS));
    const { result, cut, activeMs, cpu } = await fire(load, amount, Math.max(remainingS, 1) * 3, latencies);
    t.ok2xx += result['2xx'];
    t.non2xx += result.non2xx;
    t.errors += result.errors;
    t.activeMs += activeMs;
    t.serverCpuMs = t.serverCpuMs === null || cpu.server === null ? null : t.serverCpuMs + cpu.server;
    t.clientCpuMs += (cpu.client.user + cpu.client.system) / 1000;
    t.machineCpuMs = t.machineCpuMs === null || cpu.machine === null ? null : t.machineCpuMs + cpu.machine;
    for (const [code, stats] of Object.entries(result.statusCodeStats)) t.statusCodes[code] = (t.statusCodes[code] ?? 0) + stats.count;
    t.cut = cut;
    t.rate = (result['2xx'] + result.non2xx) / (activeMs / 1000);
  }
  return t;
}

export async function runLoad(load: LoadCase): Promise<LoadResult> {
  const warm = await runFor(load, load.warmupS, 0);
  const latencies: number[] = [];
  const run = await runFor(load, load.durationS, warm.rate, latencies);
  latencies.sort((a, b) => a - b);
  const answered = Object.values(run.statusCodes).reduce((a, b) => a + b, 0);
  return {
    requests: answered,
    seconds: run.activeMs / 1000,
    rps: answered / (run.activeMs / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: run.errors,
    non2xx: run.non2xx,
    statusCodes: run.statusCodes,
    ok2xxAll: warm.ok2xx + run.ok2xx,
    non2xxAll: warm.non2xx + run.non2xx,
    errorsAll: warm.errors + run.errors,
    cut: warm.cut || run.cut,
    serverCpu: run.serverCpuMs === null ? null : run.serverCpuMs / run.activeMs,
    clientCpu: run.clientCpuMs / run.activeMs,
    otherCpu: run.machineCpuMs === null || run.serverCpuMs === null ? null
      : Math.max(0, run.machineCpuMs - run.serverCpuMs - run.clientCpuMs) / run.activeMs,
  };
}

/**
 * Exactly `amount` requests in one request-count-bounded run, no warm-up (e.g. to put a known
 * number of deliveries into a store); `guardS` stops it if it takes longer than that.
 */
export async function runAmount(load: Omit<LoadCase, 'warmupS' | 'durationS'>, amount: number, guardS: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const { result, cut, activeMs, cpu } = await fire({ ...load, warmupS: 0, durationS: 0 }, amount, guardS, latencies);
  latencies.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]));
  const answered = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const share = (ms: number | null) => (ms === null ? null : ms / activeMs);
  const clientCpu = (cpu.client.user + cpu.client.system) / 1000;
  return {
    requests: answered,
    seconds: activeMs / 1000,
    rps: answered / (activeMs / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: result.errors,
    non2xx: result.non2xx,
    statusCodes,
    ok2xxAll: result['2xx'],
    non2xxAll: result.non2xx,
    errorsAll: result.errors,
    cut,
    serverCpu: share(cpu.server),
    clientCpu: clientCpu / activeMs,
    otherCpu: cpu.machine === null || cpu.server === null ? null : Math.max(0, cpu.machine - cpu.server - clientCpu) / activeMs,
  };
}
