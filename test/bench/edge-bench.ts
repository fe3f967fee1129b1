/**
 * Part `edge` (SPEC §11, issue 16): a legitimate sender keeps its latency and every delivery while
 * an attacker on the same machine holds slow bodies open, posts 1 MiB bodies under 240 signatures
 * and floods wrong signatures from one address; the server's memory stays bounded and comes back.
 *
 * One real `certbell serve` (listener.clientAddressHeader x-forwarded-for: every peer is loopback,
 * as behind a tunnel), one legitimate sender process and two attacker processes, all scheduled on
 * the wall clock: warm-up, the sender alone (the baseline), then sender and attack together.
 * The server's VmRSS is sampled every 250 ms throughout and after the attack until it settles.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpuMsOf, machineBusyMs, runToEnd, startCertbell, type ExitStatus } from './children.ts';
import type { AttackPlan, AttackReport } from './edge-attacker.ts';
import type { LegitPlan, LegitReport } from './edge-legit.ts';
import { makeDataDir, storedCounts } from './http-bench.ts';

const ATTACKER = resolve(import.meta.dirname, 'edge-attacker.ts');
const LEGIT = resolve(import.meta.dirname, 'edge-legit.ts');
/** Memory figures and targets are in MB of 10^6 bytes (VmRSS itself comes in KiB). */
export const MB = 1e6;
const SAMPLE_MS = 250;
export const LEGIT_ADDRESS = '198.51.100.7';
export const FLOOD_ADDRESS = '203.0.113.66';
export const RSS_RETURN_MB = 50;

export interface EdgeOptions {
  attackS: number;
  baselineS: number;
  /** Seconds to wait at least after the attack before the "end" RSS, and at most for it to settle. */
  settleMinS: number;
  settleMaxS: number;
  tempDirs: string[];
  log: (text: string) => void;
}

export interface RssSample {
  /** Milliseconds since the attack started (negative before it). */
  t: number;
  bytes: number;
}

export interface EdgeResult {
  options: Omit<EdgeOptions, 'tempDirs' | 'log'>;
  plan: Omit<AttackPlan, 'kinds' | 'startAt' | 'port' | 'path'>;
  legit: LegitReport;
  attackers: AttackReport[];
  rss: { idle: number; start: number; peak: number; peakAtMs: number; end: number; endAtMs: number; settledAtMs: number | null; samples: RssSample[] };
  /** Shares of one core during the attack. */
  cpu: { server: number | null; attackers: number; legit: number; other: number | null; machine: number | null };
  stored: ReturnType<typeof storedCounts>;
  /** certbell.db with its WAL after the run: rejected records keep their bodies (SPEC §3). */
  dbBytes: number;
  serverExit: ExitStatus;
}

export function rssOf(pid: number): number | null {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

function parseReport<T>(what: string, run: Awaited<ReturnType<typeof runToEnd>>): T {
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.code !== 0 || !line.startsWith('{')) {
    throw new Error(`${what} failed (${run.code ?? run.signal}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`);
  }
  return JSON.parse(line) as T;
}

function fileBytes(path: string): number {
  try { return statSync(path).size; } catch { return 0; }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

export async function runEdgeBench(options: EdgeOptions): Promise<EdgeResult> {
  const { log, attackS, baselineS } = options;
  const secret = randomBytes(16).toString('hex');
  const dataDir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 },
    listener: { clientAddressHeader: 'x-forwarded-for' } });
  options.tempDirs.push(dataDir);
  const server = await startCertbell(dataDir);
  const url = new URL(server.webhook);
  log(`certbell pid ${server.pid} at ${server.webhook} (data dir ${dataDir}); listener defaults but clientAddressHeader: x-forwarded-for`);

  const warmupS = 1;
  const startAt = Date.now() + 1500;
  const attackAt = startAt + (warmupS + baselineS) * 1000;
  const attackEnd = attackAt + attackS * 1000;
  const plan: EdgeResult['plan'] = { durationS: attackS, floodRate: 2000, floodAddress: FLOOD_ADDRESS, craftedRate: 20, craftedSignatures: 240,
    slowConnections: 500, slowBytesPerSecond: 256, reopenDelayMs: 250 };
  const attackPlan = (kinds: AttackPlan['kinds']): string => JSON.stringify({ ...plan, kinds, startAt: attackAt, port: Number(url.port), path: url.pathname });
  const legitPlan: LegitPlan = { url: server.webhook, secret, address: LEGIT_ADDRESS, rate: 20, startAt,
    phases: [{ name: 'warm-up', seconds: warmupS }, { name: 'baseline', seconds: baselineS }, { name: 'attack', seconds: attackS }] };

  const samples: RssSample[] = [];
  const sampler = setInterval(() => {
    const bytes = rssOf(server.pid);
    if (bytes !== null) samples.push({ t: Date.now() - attackAt, bytes });
  }, SAMPLE_MS);
  let cpuAtStart: { server: number | null; machine: number | null } = { server: null, machine: null };
  let cpuAtEnd = cpuAtStart;
  const cpuMarks = [
    setTimeout(() => { cpuAtStart = { server: cpuMsOf(server.pid), machine: machineBusyMs() }; }, attackAt - Date.now()),
    setTimeout(() => { cpuAtEnd = { server: cpuMsOf(server.pid), machine: machineBusyMs() }; }, attackEnd - Date.now()),
  ];
  let serverExit: ExitStatus | null = null;
  try {
    const timeout = (attackEnd - Date.now()) + 30_000;
    log(`legitimate sender: 20 deliveries/s from ${LEGIT_ADDRESS}, ${warmupS} s warm-up + ${baselineS} s alone + ${attackS} s under attack`);
    log(`attackers (2 processes, from t=${warmupS + baselineS} s for ${attackS} s): ${plan.slowConnections} slow bodies at ${plan.slowBytesPerSecond} B/s `
      + `(each its own address, replaced ${plan.reopenDelayMs} ms after the server closes one) + ${plan.craftedRate}/s 1 MiB bodies with `
      + `${plan.craftedSignatures} signatures (each its own address); ${plan.floodRate}/s wrong signatures from ${FLOOD_ADDRESS}`);
    const runs = [
      runToEnd([LEGIT, JSON.stringify(legitPlan)], timeout),
      runToEnd([ATTACKER, attackPlan(['flood'])], timeout),
      runToEnd([ATTACKER, attackPlan(['slow', 'crafted'])], timeout),
    ];
    const [legitRun, floodRun, slowRun] = await Promise.all(runs);
    const legit = parseReport<LegitReport>('the legitimate sender', legitRun);
    const attackers = [parseReport<AttackReport>('the flood attacker', floodRun), parseReport<AttackReport>('the slow/crafted attacker', slowRun)];
    log('attack over; waiting for the server\'s memory to settle ...');

    const start = samples.filter((s) => s.t <= 0).at(-1) ?? samples[0];
    const limit = start.bytes + RSS_RETURN_MB * MB;
    const afterAttack = () => samples.filter((s) => s.t >= attackS * 1000);
    for (;;) {
      const waited = Date.now() - attackEnd;
      const last = samples.at(-1)!;
      if (waited >= options.settleMaxS * 1000 || (waited >= options.settleMinS * 1000 && last.bytes <= limit)) break;
      await sleep(SAMPLE_MS);
    }
    clearInterval(sampler);
    const end = samples.at(-1)!;
    const during = samples.filter((s) => s.t >= 0);
    const peak = during.reduce((a, b) => (b.bytes > a.bytes ? b : a), during[0] ?? start);
    const settled = afterAttack().find((s) => s.bytes <= limit) ?? null;

    const attackMs = attackS * 1000;
    const attackerCpu = attackers.reduce((a, r) => a + r.cpuMs, 0);
    const serverCpu = cpuAtStart.server === null || cpuAtEnd.server === null ? null : cpuAtEnd.server - cpuAtStart.server;
    const machine = cpuAtStart.machine === null || cpuAtEnd.machine === null ? null : cpuAtEnd.machine - cpuAtStart.machine;
    const legitShare = legit.cpuMs * (attackS / (warmupS + baselineS + attackS));
    serverExit = await server.stop('SIGTERM');
    return {
      options: { attackS, baselineS, settleMinS: options.settleMinS, settleMaxS: options.settleMaxS },
      plan, legit, attackers,
      rss: { idle: samples[0].bytes, start: start.bytes, peak: peak.bytes, peakAtMs: peak.t, end: end.bytes, endAtMs: end.t - attackMs,
        settledAtMs: settled === null ? null : settled.t - attackMs, samples },
      cpu: { server: serverCpu === null ? null : serverCpu / attackMs, attackers: attackerCpu / attackMs, legit: legitShare / attackMs,
        other: machine === null || serverCpu === null ? null : Math.max(0, machine - serverCpu - attackerCpu - legitShare) / attackMs,
        machine: machine === null ? null : machine / attackMs },
      stored: storedCounts(dataDir),
      dbBytes: fileBytes(join(dataDir, 'certbell.db')) + fileBytes(join(dataDir, 'certbell.db-wal')),
      serverExit,
    };
  } finally {
    clearInterval(sampler);
    for (const mark of cpuMarks) clearTimeout(mark);
    if (serverExit === null) await server.stop('SIGKILL');
  }
}
