/**
 * The edge bench's legitimate sender, a child process: `node edge-legit.ts '<json LegitPlan>'`.
 * Correctly signed provider-like deliveries (test/bench/bodies.ts, the headers of `certbell send`),
 * a unique delivery id each, at a fixed rate from its own forwarded address, through a keep-alive
 * agent as a tunnel's connection pool would. The phases follow one another on the wall clock; a
 * request belongs to the phase it was due in, and its latency runs from when it was due (a late
 * send counts against it). Prints one JSON line (LegitReport) and exits.
 */
import { Agent, request } from 'node:http';
import { providerHeaders } from '../../electron/core/signature/sign.ts';
import { bodyFactory } from './bodies.ts';
import { SIZES } from './http-bench.ts';
import { percentile } from './stats.ts';

export interface LegitPlan {
  url: string;
  secret: string;
  address: string;
  rate: number;
  /** Epoch ms when the first phase starts; then each phase for its seconds. */
  startAt: number;
  phases: { name: string; seconds: number }[];
}

export interface PhaseReport {
  name: string;
  sent: number;
  ok2xx: number;
  /** Status codes and transport errors (`error ECONNRESET`, `timeout`). */
  outcomes: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  /** How late requests left this process (its own event loop on a busy machine): p99, ms. */
  sendLagP99: number;
}

export interface LegitReport {
  phases: PhaseReport[];
  deliveryIds: number;
  /** Connections the sender's agent opened over the whole run. */
  connections: number;
  cpuMs: number;
}

const TIMEOUT_MS = 10_000;

interface Sample {
  phase: number;
  outcome: string;
  latency: number;
  lag: number;
}

const seen = new WeakSet<object>();
let connections = 0;

/** The status, or how it failed; a failure says whether the request was on a connection new to it. */
function send(url: URL, agent: Agent, body: Buffer, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    let fresh = false;
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(body.length) }, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
      res.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
    });
    req.on('socket', (socket) => {
      if (seen.has(socket)) return;
      seen.add(socket);
      fresh = true;
      connections++;
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', (error: NodeJS.ErrnoException) => {
      const on = fresh ? 'new connection' : 'kept-alive connection';
      resolve(error.code === 'timeout' ? `timeout (${on})` : `error ${error.code ?? error.message} (${on})`);
    });
    req.end(body);
  });
}

function summarise(name: string, samples: Sample[]): PhaseReport {
  const outcomes: Record<string, number> = {};
  for (const s of samples) outcomes[s.outcome] = (outcomes[s.outcome] ?? 0) + 1;
  const ok = samples.filter((s) => s.outcome.startsWith('2'));
  const latencies = ok.map((s) => s.latency).sort((a, b) => a - b);
  const lags = samples.map((s) => s.lag).sort((a, b) => a - b);
  return { name, sent: samples.length, ok2xx: ok.length, outcomes, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN, sendLagP99: percentile(lags, 0.99) };
}

async function run(plan: LegitPlan): Promise<LegitReport> {
  const url = new URL(plan.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const factories = SIZES.map((s) => bodyFactory(s.bytes, plan.secret, s.event));
  const startAt = plan.startAt - performance.timeOrigin;
  const ends = plan.phases.reduce<number[]>((acc, p) => [...acc, (acc.at(-1) ?? startAt) + p.seconds * 1000], []);
  const total = Math.round(((ends.at(-1)! - startAt) * plan.rate) / 1000);
  const samples: Sample[] = [];
  const inFlight: Promise<void>[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < total; i++) {
    const due = startAt + (i * 1000) / plan.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const factory = factories[i % factories.length];
    const { deliveryId, body, signature } = factory.next();
    const headers = { ...providerHeaders({ agent: 'Openprovider-Webhooks/1.0', deliveryId, event: factory.event, signature }),
      'x-forwarded-for': plan.address };
    const phase = ends.findIndex((end) => due < end);
    const lag = performance.now() - due;
    inFlight.push(send(url, agent, body, headers).then((outcome) => { samples.push({ phase, outcome, latency: performance.now() - due, lag }); }));
  }
  await Promise.all(inFlight);
  agent.destroy();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    phases: plan.phases.map((p, i) => summarise(p.name, samples.filter((s) => s.phase === i))),
    deliveryIds: factories.reduce((a, f) => a + f.count(), 0),
    connections,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LegitPlan;
process.stdout.write(`${JSON.stringify(await run(plan))}\n`);
process.exit(0);
