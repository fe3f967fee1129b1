/** The benchmark's printed report: detail tables per part, then one summary with every target. */
import { availableParallelism } from 'node:os';
import type { HookBenchResult } from './hook-bench.ts';
import { MB, type HttpBenchResult } from './http-bench.ts';
import type { LoadResult } from './load.ts';
import type { StoreBenchResult } from './store-bench.ts';
import type { UiBenchResult } from './ui-bench.ts';
import { int, max, median, ms, pct, ratio, summaryTable, table, type SummaryRow } from './stats.ts';

export const TARGETS = { hookOverheadP99Ms: 10, peerRps: 1.0, httpP99Ms: 25, idleRssMb: 80, loadedRssMb: 130, p99Ms: 15, listMs: 50, startupMs: 1000, generatorShare: 0.25, generatorVsFixed: 0.8,
  uiFirstRowsMs: 500, uiFilterMs: 150, uiDomRows: 100 };

/** CPU microseconds per request from a core share and a rate. */
function micros(cpuShare: number | null, rps: number): string {
  return cpuShare === null ? 'n/a' : `${Math.round((cpuShare / rps) * 1e6)} µs`;
}

const CORES = availableParallelism();

/**
 * The most requests/s the machine could give with the server's and the load generator's CPU per
 * request as measured, if that work kept every core busy: the ceiling no scheduling can pass.
 */
function bound(c: LoadResult): number {
  return c.serverCpu === null ? NaN : (CORES * c.rps) / (c.serverCpu + c.clientCpu);
}

const pass = (ok: boolean): SummaryRow['result'] => (ok ? 'PASS' : 'FAIL');

/** 1000000 -> "1M rows", 200000 -> "200k rows". */
function rowsLabel(rows: number): string {
  return rows >= 1e6 && rows % 1e6 === 0 ? `${rows / 1e6}M rows` : rows >= 1e3 ? `${Math.round(rows / 1e3)}k rows` : `${rows} rows`;
}

export function storeDetail(s: StoreBenchResult): string {
  const n = rowsLabel(s.rows);
  const lines = [
    `filled ${int(s.rows)} rows in ${(s.fillMs / 1000).toFixed(1)} s; certbell.db is ${(s.dbBytes / 2 ** 20).toFixed(0)} MiB`,
    `query plan: ${s.plan}`,
    '',
    table([
      ['DeliveryStore.list({event, limit:100})', 'rows in store', 'returned', 'first', 'median', 'max', 'raw SQL median'],
      ...s.list.map((l) => [l.event, int(l.inStore), String(l.rows), ms(l.firstMs), ms(l.medianMs), ms(l.maxMs), ms(l.rawMedianMs)]),
    ]).trimEnd(),
    `(median and max over ${s.list.length} events x 9 runs after a first run; raw SQL = the same SELECT through node:sqlite, no mapping)`,
    '',
    `certbell deliveries --event ${s.cli.event} --limit 100 --json: ${s.cli.runsMs.map(ms).join(', ')}`
      + ` (bare \`node -e 0\`: ${s.cli.nodeRunsMs.map(ms).join(', ')}); output ${s.cli.ok ? 'checked: 100 rows of that event' : 'WRONG'}`,
    `serve start-up to ready line, ${n}: ${s.startup.runsMs.map(ms).join(', ')}; empty store: ${s.startup.emptyRunsMs.map(ms).join(', ')};`
      + ` raw node:http server: ${s.startup.rawRunsMs.map(ms).join(', ')}; SIGTERM exit codes: ${s.startup.exitCodes.join(', ')}`,
    `retention pass with nothing to delete (runs synchronously 2 s after start and every 10 min): ${s.retentionPassMs.map(ms).join(', ')}`,
    `one client posting sequentially for 4 s right after serve starts on ${n}: ${int(s.stall.requests)} requests, median ${ms(s.stall.medianMs)},`
      + ` first ${ms(s.stall.firstMs)}, worst after it ${ms(s.stall.maxMs)} at t=${(s.stall.atMs / 1000).toFixed(2)} s,`
      + ` ${int(s.stall.over10Ms)} over 10 ms; statuses ${JSON.stringify(s.stall.statuses)}`,
  ];
  return lines.join('\n') + '\n';
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / MB).toFixed(1)} MB`);

function httpRows(h: HttpBenchResult): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const missing = 'missing';
  for (const s of h.sizes) {
    const c = s.certbell;
    const p = s.peer;
    const generatorShare = (s.raw.rps * s.generatorMicros) / 1e6;
    rows.push(
      { what: `${s.label} requests/s vs webhook`, value: int(c.rps), baseline: p ? `${int(p.rps)} webhook` : missing,
        ratio: p ? ratio(c.rps, p.rps) : 'n/a', target: `>= ${TARGETS.peerRps.toFixed(1)}x webhook`,
        result: pass(p !== null && c.rps >= TARGETS.peerRps * p.rps) },
      { what: `${s.label} requests/s vs raw node:http`, value: int(c.rps), baseline: `${int(s.raw.rps)} raw`, ratio: ratio(c.rps, s.raw.rps),
        target: '-', result: 'info' },
      { what: `${s.label} webhook requests/s vs raw`, value: p ? `${int(p.rps)} webhook` : missing, baseline: `${int(s.raw.rps)} raw`,
        ratio: p ? ratio(p.rps, s.raw.rps) : 'n/a', target: '-', result: 'info' },
      { what: `${s.label} p50 latency`, value: ms(c.p50), baseline: p ? `${ms(p.p50)} webhook` : missing, ratio: p ? ratio(c.p50, p.p50) : 'n/a',
        target: '-', result: 'info' },
      { what: `${s.label} p99 latency`, value: ms(c.p99), baseline: p ? `${ms(p.p99)} webhook` : missing, ratio: p ? ratio(c.p99, p.p99) : 'n/a',
        target: `<= ${TARGETS.httpP99Ms} ms`, result: pass(c.p99 <= TARGETS.httpP99Ms) },
      { what: `${s.label} errors + non-2xx`, value: `${int(c.errorsAll)} + ${int(c.non2xxAll)}`,
        baseline: p ? `${int(p.errorsAll)} + ${int(p.non2xxAll)} webhook` : missing, ratio: '-', target: '0',
        result: pass(c.errorsAll + c.non2xxAll === 0 && !c.cut) },
      { what: `${s.label} server CPU per request`, value: micros(c.serverCpu, c.rps), baseline: p ? `${micros(p.serverCpu, p.rps)} webhook` : missing,
        ratio: p ? ratio((c.serverCpu ?? NaN) / c.rps, (p.serverCpu ?? NaN) / p.rps) : 'n/a', target: '-', result: 'info' },
      { what: `${s.label} req/s if all ${CORES} cores ran it`, value: int(bound(c)), baseline: p ? `${int(bound(p))} webhook` : missing,
        ratio: p ? ratio(bound(c), bound(p)) : 'n/a', target: '-', result: 'info' },
      { what: `${s.label} generator CPU at the raw rate`, value: pct(generatorShare), baseline: '-', ratio: '-',
        target: `<= ${pct(TARGETS.generatorShare)} of a core`, result: pass(generatorShare <= TARGETS.generatorShare) },
      { what: `${s.label} raw req/s: generated vs fixed body`, value: int(s.raw.rps), baseline: `${int(s.rawFixed.rps)} fixed`,
        ratio: ratio(s.raw.rps, s.rawFixed.rps), target: `>= ${TARGETS.generatorVsFixed}x`,
        result: pass(s.raw.rps >= TARGETS.generatorVsFixed * s.rawFixed.rps) },
    );
  }
  const st = h.stored;
  const m = h.memory;
  const mst = m.stored;
  const memOk = m.error === null && m.load !== null && m.load.ok2xxAll === m.deliveries;
  rows.push(
    { what: 'stored deliveries = 2xx answers', value: `${int(st.total)} (${int(st.accepted)} accepted, ${int(st.duplicate)} dup)`,
      baseline: `${int(h.ok2xx)} 2xx`, ratio: ratio(st.total, h.ok2xx), target: 'equal, all accepted, unique ids',
      result: pass(st.total === h.ok2xx && st.accepted === h.ok2xx && st.distinctIds === st.total) },
    { what: 'serve exit on SIGTERM after load', value: String(h.certbellExit.code ?? h.certbellExit.signal), baseline: '-', ratio: '-',
      target: '0', result: pass(h.certbellExit.code === 0) },
    { what: 'serve idle RSS (fresh data dir, quiet)', value: mb(m.idle), baseline: `${mb(h.peer.idleRss)} webhook, ${mb(h.rawIdleRss)} raw`,
      ratio: h.peer.idleRss === null || m.idle === null ? 'n/a' : ratio(m.idle, h.peer.idleRss), target: `<= ${TARGETS.idleRssMb} MB`,
      result: pass(m.idle !== null && m.idle <= TARGETS.idleRssMb * MB) },
    { what: `serve RSS after ${int(m.deliveries)} 1 KB deliveries`, value: mb(m.after), baseline: `${mb(m.idle)} idle`,
      ratio: m.after === null || m.idle === null ? 'n/a' : ratio(m.after, m.idle), target: `<= ${TARGETS.loadedRssMb} MB, all 2xx`,
      result: pass(memOk && m.after !== null && m.after <= TARGETS.loadedRssMb * MB) },
    { what: `  stored = 2xx of those deliveries`, value: mst ? `${int(mst.total)} (${int(mst.accepted)} accepted)` : 'n/a',
      baseline: `${int(m.load?.ok2xxAll ?? NaN)} 2xx`, ratio: mst && m.load ? ratio(mst.total, m.load.ok2xxAll) : 'n/a',
      target: 'equal, all accepted, unique ids',
      result: pass(mst !== null && m.load !== null && mst.total === m.load.ok2xxAll && mst.accepted === mst.total && mst.distinctIds === mst.total
        && m.exit?.code === 0) },
  );
  return rows;
}

function storeRows(s: StoreBenchResult): SummaryRow[] {
  const n = rowsLabel(s.rows);
  const listMedian = median(s.list.flatMap((l) => l.warmMs));
  const listMax = max(s.list.map((l) => l.maxMs));
  const rawMedian = median(s.list.map((l) => l.rawMedianMs));
  const start = median(s.startup.runsMs);
  const rawStart = median(s.startup.rawRunsMs);
  return [
    { what: `list(event, 100) on ${n}: median`, value: ms(listMedian), baseline: ms(rawMedian), ratio: ratio(listMedian, rawMedian),
      target: `<= ${TARGETS.listMs} ms`, result: pass(listMedian <= TARGETS.listMs) },
    { what: `list(event, 100) on ${n}: max`, value: ms(listMax), baseline: ms(max(s.list.map((l) => l.rawMedianMs))),
      ratio: ratio(listMax, max(s.list.map((l) => l.rawMedianMs))), target: `<= ${TARGETS.listMs} ms`, result: pass(listMax <= TARGETS.listMs) },
    { what: 'list(event, 100): first query after open (max)', value: ms(max(s.list.map((l) => l.firstMs))), baseline: '-', ratio: '-',
      target: `<= ${TARGETS.listMs} ms`, result: pass(max(s.list.map((l) => l.firstMs)) <= TARGETS.listMs) },
    { what: 'CLI deliveries --event --limit 100 (wall)', value: ms(median(s.cli.runsMs)), baseline: `${ms(median(s.cli.nodeRunsMs))} node -e 0`,
      ratio: ratio(median(s.cli.runsMs), median(s.cli.nodeRunsMs)), target: 'correct output', result: s.cli.ok ? 'info' : 'FAIL' },
    { what: `serve start-up on ${n} (median of 3)`, value: ms(start), baseline: ms(rawStart), ratio: ratio(start, rawStart),
      target: `<= ${TARGETS.startupMs} ms`, result: pass(start <= TARGETS.startupMs) },
    { what: 'serve start-up, empty store (median of 3)', value: ms(median(s.startup.emptyRunsMs)), baseline: ms(rawStart),
      ratio: ratio(median(s.startup.emptyRunsMs), rawStart), target: '-', result: 'info' },
    { what: `serve exits 0 on SIGTERM (${n})`, value: s.startup.exitCodes.join(','), baseline: '-', ratio: '-', target: '0',
      result: pass(s.startup.exitCodes.every((c) => c === 0)) },
    { what: `retention no-op pass on ${n} (blocks loop)`, value: ms(median(s.retentionPassMs)), baseline: '-', ratio: '-', target: '-', result: 'info' },
    { what: 'first request after start (cold code paths)', value: ms(s.stall.firstMs), baseline: `${ms(s.stall.medianMs)} median`,
      ratio: ratio(s.stall.firstMs, s.stall.medianMs), target: '-', result: 'info' },
    { what: 'worst ingest latency after it, first 4 s', value: ms(s.stall.maxMs), baseline: `${ms(s.stall.medianMs)} median`,
      ratio: ratio(s.stall.maxMs, s.stall.medianMs), target: `<= ${TARGETS.p99Ms} ms (no stall)`, result: pass(s.stall.maxMs <= TARGETS.p99Ms) },
  ];
}

function hookRows(k: HookBenchResult): SummaryRow[] {
  const ok = Object.keys(k.statuses).every((status) => status === '200');
  return [
    { what: 'hook overhead beyond /bin/true: p50', value: ms(k.overheadP50), baseline: ms(k.rawOverheadP50),
      ratio: ratio(k.overheadP50, k.rawOverheadP50), target: '-', result: 'info' },
    { what: 'hook overhead beyond /bin/true: p99', value: ms(k.overheadP99), baseline: ms(k.rawOverheadP99),
      ratio: ratio(k.overheadP99, k.rawOverheadP99), target: `<= ${TARGETS.hookOverheadP99Ms} ms`,
      result: pass(k.overheadP99 <= TARGETS.hookOverheadP99Ms && ok) },
    { what: 'hook run time (/bin/true): p50', value: ms(k.hookP50), baseline: ms(k.rawHookP50),
      ratio: ratio(k.hookP50, k.rawHookP50), target: '-', result: 'info' },
  ];
}

/** Median and max rows of a UI timing, each next to the bridge call inside it. */
function uiTimingRows(what: string, samples: number[], calls: number[], targetMs: number): SummaryRow[] {
  return ([['median', median], ['max', max]] as const).map(([label, pick]) => ({
    what: `${what} (${label})`, value: ms(pick(samples)), baseline: `${ms(pick(calls))} bridge call`,
    ratio: ratio(pick(samples), pick(calls)), target: `<= ${targetMs} ms`, result: pass(pick(samples) <= targetMs),
  }));
}

function uiRows(u: UiBenchResult): SummaryRow[] {
  return [
    ...uiTimingRows(`UI: open inspector to first rows, ${rowsLabel(u.rows)}`, u.firstRowsMs, u.firstRowsCallMs, TARGETS.uiFirstRowsMs),
    ...uiTimingRows('UI: search typed to filtered list', u.filterMs, u.filterCallMs, TARGETS.uiFilterMs),
    { what: `UI: row elements in DOM, scrolling ${u.scroll.pages} pages`, value: int(u.scroll.maxRows), baseline: `${int(u.scroll.loadedRows)} rows loaded`,
      ratio: ratio(u.scroll.maxRows, u.scroll.loadedRows), target: `<= ${TARGETS.uiDomRows}`,
      result: pass(u.scroll.maxRows <= TARGETS.uiDomRows && u.scroll.pages >= 10) },
  ];
}

export function summary(h: HttpBenchResult | null, s: StoreBenchResult | null, k: HookBenchResult | null = null,
  u: UiBenchResult | null = null): { text: string; failed: number } {
  const rows = [...(h ? httpRows(h) : []), ...(s ? storeRows(s) : []), ...(k ? hookRows(k) : []), ...(u ? uiRows(u) : [])];
  return { text: summaryTable(rows), failed: rows.filter((r) => r.result === 'FAIL').length };
}
