/**
 * Part `deployment` (SPEC §12, issue 18): 200 certificates × 2 targets against local TLS servers.
 * A real `certbell serve` holds 200 issued certificates; two TLS servers on 127.0.0.1 answer by SNI
 * (one serves every issued certificate, the other the previous certificate for half the names).
 * Figures: the time of a full check round (asked for through the UI bridge, as "Check now" does),
 * the peak of TLS sockets open at once (counted by the servers), and the listener's ingest latency
 * for a paced legitimate sender with rounds running back to back, beside the same sender alone.
 */
import { resolve } from 'node:path';
import { CERTBELL_BIN, runToEnd, startServer } from './children.ts';
import type { LegitPlan, LegitReport, PhaseReport } from './edge-legit.ts';
import { makeDataDir } from './http-bench.ts';
import { ms, verdict } from './stats.ts';
import { httpBridge } from '../helpers/bridge-http.ts';
import { post, signedDelivery } from '../helpers/http.ts';
import { makeCertificates, SocketGauge, startSniServer } from '../helpers/tls-fixtures.ts';

const LEGIT = resolve(import.meta.dirname, 'edge-legit.ts');
const SECRET = 'deployment-bench';
export const ROUND_TARGET_MS = 10_000;
export const SOCKET_TARGET = 32;
export const P99_RATIO_TARGET = 2;

export interface DeploymentBenchOptions {
  certificates: number;
  phaseS: number;
  rate: number;
  tempDirs: string[];
  log: (text: string) => void;
}

export interface DeploymentBenchResult {
  certificates: number;
  targets: number;
  firstRoundMs: number;
  roundsDuringMs: number[];
  peakSockets: number;
  states: Record<string, number>;
  alone: PhaseReport;
  during: PhaseReport;
  failed: number;
  text: string;
}

const nameOf = (i: number) => `site${i}.bench.example.nl`;

async function check(bridge: ReturnType<typeof httpBridge>): Promise<{ ms: number; results: { state: string }[] }> {
  const started = performance.now();
  const reply = await bridge('deployment.check');
  if (!reply.ok) throw new Error(`deployment.check: ${reply.status} ${reply.error}`);
  return { ms: performance.now() - started, results: reply.result as { state: string }[] };
}

export async function runDeploymentBench(options: DeploymentBenchOptions): Promise<DeploymentBenchResult> {
  const { certificates: n, log } = options;
  const madeAt = performance.now();
  const issued = await makeCertificates(n, (i) => ({ commonName: nameOf(i) }));
  const previous = await makeCertificates(Math.ceil(n / 2), (i) => ({ commonName: nameOf(i * 2), days: 20 }));
  log(`made ${n + previous.length} certificates with openssl in ${ms(performance.now() - madeAt)}`);

  const gauge = new SocketGauge();
  const current = await startSniServer(new Map(issued.map((c, i) => [nameOf(i), c])), issued[0], gauge);
  const stale = await startSniServer(new Map(issued.map((c, i) => [nameOf(i), i % 2 === 0 ? previous[i / 2] : c])), issued[0], gauge);
  const dataDir = makeDataDir({ secrets: [{ label: 'bench', value: SECRET }], listener: { port: 0 }, ui: { port: 0 },
    // The schedule stays off, so only the rounds the bench asks for run.
    deployment: { enabled: false, targets: Object.fromEntries(issued.map((_, i) => [nameOf(i), [current.target, stale.target]])) } });
  options.tempDirs.push(dataDir);
  const server = await startServer([CERTBELL_BIN, 'serve', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], 'certbell ready ');
  try {
    const ready = JSON.parse(server.readyLine.slice('certbell ready '.length)) as { webhook: string; ui: string };
    for (const [i, cert] of issued.entries()) {
      const { body, headers } = signedDelivery(SECRET, { deliveryId: `bench-issued-${i}`, event: 'ssl_panel.issued', data: {
        id: `order-${i}`, status: 'ACT', certificate: { id: `cert-${i}`, commonName: nameOf(i), status: 'active', operation: 'none',
          certificates: { main: cert.certPem } } } });
      const res = await post(ready.webhook, body, headers);
      if (res.status !== 200) throw new Error(`issued delivery ${i}: ${res.status} ${res.body}`);
    }
    const bridge = httpBridge(ready.ui);
    log(`certbell pid ${server.pid}: ${n} issued certificates stored; targets ${current.target} and ${stale.target} for each`);

    const first = await check(bridge);
    const states: Record<string, number> = {};
    for (const r of first.results) states[r.state] = (states[r.state] ?? 0) + 1;
    log(`first round: ${first.results.length} targets in ${ms(first.ms)}, peak ${gauge.maxOpen} sockets open; states ${JSON.stringify(states)}`);

    const startAt = Date.now() + 1000;
    const duringAt = startAt + (1 + options.phaseS) * 1000;
    const duringEnd = duringAt + options.phaseS * 1000;
    const plan: LegitPlan = { url: ready.webhook, secret: SECRET, address: '198.51.100.7', rate: options.rate, startAt,
      phases: [{ name: 'warm-up', seconds: 1 }, { name: 'alone', seconds: options.phaseS }, { name: 'during rounds', seconds: options.phaseS }] };
    log(`ingest: ${options.rate} deliveries/s (1 KB and 7 KB), ${options.phaseS} s alone, then ${options.phaseS} s with check rounds back to back`);
    const sender = runToEnd([LEGIT, JSON.stringify(plan)], (3 + 2 * options.phaseS) * 1000 + 60_000);
    const rounds: number[] = [];
    await new Promise((r) => setTimeout(r, Math.max(0, duringAt - Date.now())));
    while (Date.now() < duringEnd) rounds.push((await check(bridge)).ms);
    const run = await sender;
    if (run.code !== 0) throw new Error(`the sender failed (${run.code ?? run.signal}): ${run.stderr}`);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as LegitReport;
    const alone = report.phases[1];
    const during = report.phases[2];

    const roundPass = first.ms <= ROUND_TARGET_MS && rounds.every((r) => r <= ROUND_TARGET_MS);
    const socketPass = gauge.maxOpen <= SOCKET_TARGET;
    const ratio = during.p99 / alone.p99;
    const p99Pass = ratio <= P99_RATIO_TARGET && during.ok2xx === during.sent && alone.ok2xx === alone.sent;
    const text = [
      `  full round, ${first.results.length} targets (${n} certificates × 2): first ${ms(first.ms)}, `
        + `${rounds.length} more during the load ${rounds.map(ms).join(', ')} (target ≤ ${ms(ROUND_TARGET_MS)}) ${verdict(roundPass)}`,
      `  peak TLS sockets open at once: ${gauge.maxOpen} (target ≤ ${SOCKET_TARGET}) ${verdict(socketPass)}`,
      `  ingest p99 during rounds ${ms(during.p99)} vs alone ${ms(alone.p99)} in the same run = ${ratio.toFixed(2)}x `
        + `(p50 ${ms(during.p50)} vs ${ms(alone.p50)}; 2xx ${during.ok2xx}/${during.sent} and ${alone.ok2xx}/${alone.sent}) `
        + `(target ≤ ${P99_RATIO_TARGET}x, all 2xx) ${verdict(p99Pass)}`,
    ].join('\n');
    return { certificates: n, targets: first.results.length, firstRoundMs: first.ms, roundsDuringMs: rounds, peakSockets: gauge.maxOpen,
      states, alone, during, failed: [roundPass, socketPass, p99Pass].filter((p) => !p).length, text };
  } finally {
    await server.stop();
    await current.close();
    await stale.close();
  }
}
