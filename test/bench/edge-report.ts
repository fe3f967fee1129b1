/** The edge part's printed report: what the attackers got, the server's memory, and the targets. */
import { availableParallelism } from 'node:os';
import type { RateReport } from './edge-wire.ts';
import { MB, RSS_RETURN_MB, type EdgeResult } from './edge-bench.ts';
import type { PhaseReport } from './edge-legit.ts';
import { int, ms, pct, ratio, table } from './stats.ts';

export const EDGE_TARGETS = { legit2xx: 1, p99Ms: 100, rssPeakMB: 300, rssReturnMB: RSS_RETURN_MB };

const CODES = ['401', '408', '413', '429', '431', '503'];
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

function outcomeCells(outcomes: Record<string, number>): string[] {
  const other = Object.entries(outcomes).filter(([k]) => !CODES.includes(k) && k !== 'closed' && !k.startsWith('error') && k !== 'timeout');
  const errors = Object.entries(outcomes).filter(([k]) => k.startsWith('error'));
  return [...CODES.map((c) => int(outcomes[c] ?? 0)), int(outcomes.closed ?? 0), int(outcomes.timeout ?? 0),
    errors.length === 0 ? '0' : errors.map(([k, n]) => `${k.slice(6)} ${n}`).join(', '),
    other.length === 0 ? '-' : other.map(([k, n]) => `${k}: ${n}`).join(', ')];
}

function rateRow(name: string, r: RateReport | undefined, target: number, seconds: number): string[] {
  if (!r) return [name, 'n/a'];
  return [name, int(r.sent), `${int(r.sent / seconds)}/${int(target)}`, int(r.skipped), int(r.connections), ...outcomeCells(r.outcomes)];
}

export function edgeDetail(e: EdgeResult): string {
  const s = e.options.attackS;
  const flood = e.attackers.find((a) => a.flood)?.flood;
  const other = e.attackers.find((a) => a.slow || a.crafted);
  const slow = other?.slow;
  const header = ['attacker', 'requests', 'per s (sent/asked)', 'not sent', 'connections', ...CODES, 'closed', 'timeout', 'connect errors', 'other'];
  const rows = [header, rateRow(`wrong signature from ${e.plan.floodAddress}`, flood, e.plan.floodRate, s),
    rateRow(`1 MiB, ${e.plan.craftedSignatures} signatures`, other?.crafted, e.plan.craftedRate, s)];
  if (slow) rows.push([`slow body (${e.plan.slowConnections} held)`, int(slow.opened), `${int(slow.opened / s)} opened`, '-', int(slow.opened), ...outcomeCells(slow.outcomes)]);
  const lateness = e.attackers.map((a) => ms(a.lateMs)).join(' / ');
  const lines = [
    table(rows).trimEnd(),
    '(requests that ended each way; "closed": the connection closed with no answer, e.g. over listener.maxConnections; '
      + '"not sent": the attacker\'s own in-flight cap)',
    slow ? `slow bodies open at once (connected, not yet closed): mean ${int(slow.openMean)}, least ${int(slow.openMin)} `
      + `(of ${e.plan.slowConnections} attempted; after the first second)` : '',
    other?.craftedHeaderBytes ? `crafted request header block: ${int(other.craftedHeaderBytes)} bytes (bare hex digests, = sha256, to fit Node's 16 KiB)` : '',
    `attackers started ${lateness} after their scheduled start`,
    `legitimate sender: ${e.legit.phases.map((p) => `${p.name} ${p.ok2xx}/${p.sent} 2xx ${JSON.stringify(p.outcomes)}`).join('; ')}; `
      + `${e.legit.connections} connection(s) opened by its keep-alive agent over the run`,
    `store after the run: ${int(e.stored.total)} records (${int(e.stored.accepted)} accepted, ${int(e.stored.total - e.stored.accepted - e.stored.duplicate)} rejected or other); `
      + `certbell.db with its WAL ${mb(e.dbBytes)} (a rejected record keeps its body)`,
    `server RSS every second from the attack's start (MB): ${rssTimeline(e)}`,
    `CPU during the attack, share of one core (${availableParallelism()} cores here): server ${pct(e.cpu.server)}, attackers ${pct(e.cpu.attackers)}, `
      + `legitimate sender ≈${pct(e.cpu.legit)}, everything else (kernel, other jobs) ${pct(e.cpu.other)}; the whole machine ${pct(e.cpu.machine)}. The load generators run on the same cores as the server `
      + 'and compete with it: the figures under attack include that contention.',
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

function rssTimeline(e: EdgeResult): string {
  const out: string[] = [];
  for (let t = 0; ; t += 1000) {
    const sample = e.rss.samples.find((x) => x.t >= t);
    if (!sample) break;
    if (t === e.options.attackS * 1000) out.push('| attack over |');
    out.push((sample.bytes / MB).toFixed(0));
  }
  return out.join(' ');
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function okShare(p: PhaseReport): number {
  return p.sent === 0 ? NaN : p.ok2xx / p.sent;
}

/** The targets of issue 16, each figure under attack next to the sender alone in the same run. */
export function edgeSummary(e: EdgeResult): { text: string; failed: number } {
  const phase = (name: string) => e.legit.phases.find((p) => p.name === name)!;
  const attack = phase('attack');
  const alone = phase('baseline');
  const r = e.rss;
  const back = r.end - r.start;
  const legitTotal = e.legit.phases.reduce((a, p) => a + p.ok2xx, 0);
  const settle = r.settledAtMs === null ? `not within ${(r.endAtMs / 1000).toFixed(1)} s` : `${(Math.max(0, r.settledAtMs) / 1000).toFixed(2)} s after the attack`;
  const rows: string[][] = [
    ['figure', 'under attack', 'sender alone', 'ratio', 'target', 'result'],
    ['legit deliveries answered 2xx', `${int(attack.ok2xx)}/${int(attack.sent)} (${pct(okShare(attack))})`,
      `${int(alone.ok2xx)}/${int(alone.sent)} (${pct(okShare(alone))})`, ratio(okShare(attack), okShare(alone)), '100%',
      pass(attack.sent > 0 && attack.ok2xx === attack.sent)],
    ['legit p50 latency', ms(attack.p50), ms(alone.p50), ratio(attack.p50, alone.p50), '-', 'info'],
    ['legit p99 latency', ms(attack.p99), ms(alone.p99), ratio(attack.p99, alone.p99), `<= ${EDGE_TARGETS.p99Ms} ms`,
      pass(attack.p99 <= EDGE_TARGETS.p99Ms)],
    ['legit max latency', ms(attack.max), ms(alone.max), ratio(attack.max, alone.max), '-', 'info'],
    ['legit sender send lag p99', ms(attack.sendLagP99), ms(alone.sendLagP99), '-', '-', 'info'],
    ['server RSS at the attack\'s start', mb(r.start), `${mb(r.idle)} before any traffic`, ratio(r.start, r.idle), '-', 'info'],
    ['server RSS peak', `${mb(r.peak)} at ${(r.peakAtMs / 1000).toFixed(1)} s`, mb(r.start), ratio(r.peak, r.start),
      `<= ${EDGE_TARGETS.rssPeakMB} MB`, pass(r.peak <= EDGE_TARGETS.rssPeakMB * MB)],
    ['server RSS after the attack', `${mb(r.end)} (${back >= 0 ? '+' : ''}${mb(back)}), ${(r.endAtMs / 1000).toFixed(1)} s after`,
      mb(r.start), ratio(r.end, r.start), `<= start + ${EDGE_TARGETS.rssReturnMB} MB`, pass(back <= EDGE_TARGETS.rssReturnMB * MB)],
    [`server RSS back within ${EDGE_TARGETS.rssReturnMB} MB of start`, settle, '-', '-', `waited up to ${e.options.settleMaxS} s`, 'info'],
    ['legit 2xx stored as accepted', `${int(e.stored.accepted)} accepted`, `${int(legitTotal)} 2xx`, ratio(e.stored.accepted, legitTotal),
      'equal', pass(e.stored.accepted === legitTotal)],
    ['serve exit on SIGTERM after the attack', String(e.serverExit.code ?? e.serverExit.signal), '-', '-', '0', pass(e.serverExit.code === 0)],
  ];
  return { text: table(rows), failed: rows.filter((row) => row[5] === 'FAIL').length };
}
