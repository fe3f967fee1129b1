/**
 * One load case with autocannon: a short warm-up, then a measured run. Latencies are recorded
 * from autocannon's `response` events with sub-millisecond precision (its own histogram keeps
 * whole milliseconds); CPU of the server (by PID, /proc) and of this client process is sampled.
 */
import autocannon from 'autocannon';
import { cpuMsOf } from './children.ts';
import { setupRequestFor, type BodyFactory } from './bodies.ts';
import { percentile } from './stats.ts';

export const CONNECTIONS = 50;

export interface LoadCase {
  url: string;
  serverPid: number;
  /** Fresh signed body per request; or a fixed body (the generator-free check). */
  bodies: BodyFactory | { fixed: Buffer; signature: string };
  warmupS: number;
  durationS: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** 2xx answers over warm-up and measured run together (what the store must hold). */
  ok2xxAll: number;
  non2xxAll: number;
  errorsAll: number;
  serverCpu: number | null;
  clientCpu: number;
}

function requestsOf(bodies: LoadCase['bodies']) {
  const headers = { 'Content-Type': 'application/json' };
  if ('fixed' in bodies) return [{ method: 'POST', body: bodies.fixed, headers: { ...headers, Signature: bodies.signature } }];
  return [{ method: 'POST', headers, setupRequest: setupRequestFor(bodies) }];
}

async function fire(load: LoadCase, durationS: number, latencies?: number[]) {
  const instance = autocannon({
    url: load.url, connections: CONNECTIONS, duration: durationS, timeout: 10, requests: requestsOf(load.bodies),
  });
  if (latencies) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  return await instance;
}

export async function runLoad(load: LoadCase): Promise<LoadResult> {
  const warm = await fire(load, load.warmupS);
  const latencies: number[] = [];
  const serverBefore = cpuMsOf(load.serverPid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await fire(load, load.durationS, latencies);
  const wallMs = performance.now() - started;
  const serverAfter = cpuMsOf(load.serverPid);
  const client = process.cpuUsage(clientBefore);
  latencies.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const answered = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    requests: answered,
    rps: answered / result.duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    ok2xxAll: warm['2xx'] + result['2xx'],
    non2xxAll: warm.non2xx + result.non2xx,
    errorsAll: warm.errors + result.errors,
    serverCpu: serverBefore === null || serverAfter === null ? null : (serverAfter - serverBefore) / wallMs,
    clientCpu: (client.user + client.system) / 1000 / wallMs,
  };
}
