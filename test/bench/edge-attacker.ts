/**
 * The edge bench's attacker, a child process (the bench runs two, so one busy generator does not
 * slow the other): `node edge-attacker.ts '<json AttackPlan>'`. From `startAt` (epoch ms) for
 * `durationS` it runs the kinds it is given, then prints one JSON line (AttackReport) and exits.
 *
 *   flood    wrong-signature requests with small bodies, all from one forwarded address
 *   crafted  1 MiB JSON bodies under a Signature header of 240 digests, each from its own address
 *   slow     connections that promise 1 MiB and trickle it slower than the minimum body rate,
 *            each from its own address, replaced whenever the server closes one
 */
import { randomBytes } from 'node:crypto';
import { holdSlowBodies, runAtRate, type RateReport, type SlowReport } from './edge-wire.ts';

export interface AttackPlan {
  port: number;
  path: string;
  kinds: ('flood' | 'crafted' | 'slow')[];
  startAt: number;
  durationS: number;
  floodRate: number;
  floodAddress: string;
  craftedRate: number;
  craftedSignatures: number;
  slowConnections: number;
  slowBytesPerSecond: number;
  reopenDelayMs: number;
}

export interface AttackReport {
  flood?: RateReport;
  crafted?: RateReport;
  slow?: SlowReport;
  /** Milliseconds the first tick came after startAt (the child's own start-up or a busy core). */
  lateMs: number;
  cpuMs: number;
  /** Bytes of the crafted request's header block (Node's parser refuses more than 16 KiB). */
  craftedHeaderBytes?: number;
}

export const CRAFTED_BODY_BYTES = 1_048_576;
const SLOW_DECLARED_BYTES = 1_048_576;

/** A distinct documentation-range address per n (198.18.0.0/15, the benchmarking block). */
export function benchAddress(n: number, second: boolean): string {
  return `198.${second ? 19 : 18}.${(n >> 8) & 255}.${(n & 255) || 1}`;
}

function head(plan: AttackPlan, lines: string[]): string {
  return [`POST ${plan.path} HTTP/1.1`, `Host: 127.0.0.1:${plan.port}`, 'Content-Type: application/json', ...lines, '', ''].join('\r\n');
}

function floodRequest(plan: AttackPlan): Buffer[] {
  const body = Buffer.from(JSON.stringify({ data: { status: 'ACT', id: 1 }, metadata: { event: 'ssl_panel.issued', delivery: 'flood' } }));
  const wrong = `sha256=${randomBytes(32).toString('hex')}`;
  return [Buffer.from(head(plan, [`x-forwarded-for: ${plan.floodAddress}`, `Signature: ${wrong}`,
    `Content-Length: ${body.length}`]) + body.toString('latin1'), 'latin1')];
}

/** A JSON object of exactly CRAFTED_BODY_BYTES: a provider-like shape around a long note. */
function craftedBody(): Buffer {
  const shell = (note: string) => JSON.stringify({ data: { status: 'ACT', note }, metadata: { event: 'ssl_panel.issued', delivery: 'crafted' } });
  const body = Buffer.from(shell('x'.repeat(CRAFTED_BODY_BYTES - Buffer.byteLength(shell('')))));
  if (body.length !== CRAFTED_BODY_BYTES) throw new Error(`crafted body is ${body.length} bytes`);
  return body;
}

/** Bare hex digests (= sha256): with `sha256=` before each, 240 would not fit in Node's 16 KiB of headers. */
function craftedHeads(plan: AttackPlan): { make: (n: number) => Buffer; bytes: number } {
  const signature = Array.from({ length: plan.craftedSignatures }, () => randomBytes(32).toString('hex')).join(',');
  const make = (n: number) => Buffer.from(head(plan, [`x-forwarded-for: ${benchAddress(n + 1, true)}`, `Signature: ${signature}`,
    `Content-Length: ${CRAFTED_BODY_BYTES}`]), 'latin1');
  return { make, bytes: make(65_535).length };
}

function slowHead(plan: AttackPlan, n: number): Buffer {
  return Buffer.from(head(plan, [`x-forwarded-for: ${benchAddress((n % 65_000) + 1, false)}`,
    `Signature: sha256=${'0'.repeat(64)}`, `Content-Length: ${SLOW_DECLARED_BYTES}`]), 'latin1');
}

async function attack(plan: AttackPlan): Promise<AttackReport> {
  const startAt = plan.startAt - performance.timeOrigin;
  const durationMs = plan.durationS * 1000;
  const cpuBefore = process.cpuUsage();
  let lateMs = 0;
  setTimeout(() => { lateMs = performance.now() - startAt; }, Math.max(0, startAt - performance.now()));
  const jobs: Promise<void>[] = [];
  const report: AttackReport = { lateMs: 0, cpuMs: 0 };
  if (plan.kinds.includes('flood')) {
    const request = floodRequest(plan);
    jobs.push(runAtRate({ port: plan.port, rate: plan.floodRate, maxInFlight: 512, timeoutMs: 5000, request: () => request }, startAt, durationMs)
      .then((r) => { report.flood = r; }));
  }
  if (plan.kinds.includes('crafted')) {
    const body = craftedBody();
    const heads = craftedHeads(plan);
    report.craftedHeaderBytes = heads.bytes;
    jobs.push(runAtRate({ port: plan.port, rate: plan.craftedRate, maxInFlight: 64, timeoutMs: 10_000, request: (n) => [heads.make(n), body] },
      startAt, durationMs).then((r) => { report.crafted = r; }));
  }
  if (plan.kinds.includes('slow')) {
    jobs.push(holdSlowBodies({ port: plan.port, connections: plan.slowConnections, head: (n) => slowHead(plan, n),
      bytesPerSecond: plan.slowBytesPerSecond, reopenDelayMs: plan.reopenDelayMs }, startAt, durationMs).then((r) => { report.slow = r; }));
  }
  await Promise.all(jobs);
  const cpu = process.cpuUsage(cpuBefore);
  return { ...report, lateMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const plan = JSON.parse(process.argv[2] ?? '{}') as AttackPlan;
process.stdout.write(`${JSON.stringify(await attack(plan))}\n`);
process.exit(0);
