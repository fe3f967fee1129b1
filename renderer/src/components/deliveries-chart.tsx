/**
 * Deliveries over time (the dashboard): the last 48 hours, one bar per hour stacked by outcome,
 * live (re-read at most once a second while deliveries arrive, and each minute as the hours roll
 * on). A bar opens the deliveries list filtered to its hour. The counts are also a table for
 * screen readers, and the legend totals them.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { BridgeEvent, DeliveryHistogram, DeliveryOutcome } from '../../../shared/bridge/index.ts';
import { DELIVERY_OUTCOMES } from '../../../shared/bridge/types.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { bucketRange, bucketTotal, outcomeTotals, stackedColumns } from '../lib/chart-data.ts';
import { userLocale } from '../lib/format.ts';
import { href, navigate } from '../lib/hash-route.ts';
import { ErrorBox, Loading } from './status-box.tsx';
import { themeColor, useColorScheme, useUplot } from './use-uplot.ts';
import './charts.css';

const HOURS = 48;
const THROTTLE_MS = 1000;
const ROLL_MS = 60_000;

export const OUTCOME_COLORS: Record<DeliveryOutcome, [variable: string, fallback: string]> = {
  accepted: ['--ok', '#1d7a3a'], duplicate: ['--warn', '#9a5b00'], rejected: ['--danger', '#b3261e'], aborted: ['--muted', '#5b6470'],
};
/** Drawn top of the stack first, so each lower part paints over it. */
const DRAW_ORDER = [...DELIVERY_OUTCOMES].reverse();

function hourText(iso: string, bucketMs: number): string {
  const start = new Date(iso);
  const format = new Intl.DateTimeFormat(userLocale(), { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  const end = new Intl.DateTimeFormat(userLocale(), { hour: '2-digit', minute: '2-digit' });
  return `${format.format(start)}–${end.format(new Date(start.getTime() + bucketMs))}`;
}

function chartOptions(width: number, histogram: React.RefObject<DeliveryHistogram | null>): uPlot.Options {
  const text = themeColor('--muted', '#5b6470');
  const grid = themeColor('--border', '#d6dae0');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width, height: 180,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    // The whole window, edge to edge (the bars sit at the middle of their hours).
    scales: { x: { time: true, range: (_u, min, max) => (histogram.current
      ? [Date.parse(histogram.current.from) / 1000, Date.parse(histogram.current.until) / 1000] : [min, max]) }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
    axes: [axis, { ...axis, size: 40 }],
    series: [{}, ...DRAW_ORDER.map((o) => {
      const color = themeColor(...OUTCOME_COLORS[o]);
      return { label: o, fill: color, stroke: color, width: 0, points: { show: false }, paths: uPlot.paths.bars!({ size: [0.85, 40] }) };
    })],
    hooks: {
      ready: [(u) => {
        u.over.addEventListener('click', () => {
          const idx = u.cursor.idx;
          if (idx === null || idx === undefined || !histogram.current) return;
          navigate('deliveries', null, bucketRange(histogram.current, idx));
        });
      }],
      // Where each bar is, for the tests that click one (they read the counts from the table).
      draw: [(u) => {
        const xs = u.data[0];
        u.root.dataset.bars = JSON.stringify(xs.map((x) => Math.round(u.valToPos(x, 'x'))));
      }],
    },
  };
}

export function DeliveriesChart() {
  const scheme = useColorScheme();
  const histogram = useCall('deliveries.histogram', { hours: HOURS });
  const current = useRef<DeliveryHistogram | null>(null);
  current.current = histogram.data;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { reload } = histogram;
  useBridgeEvents((e: BridgeEvent) => {
    if (e.event !== 'delivery' || pending.current) return;
    pending.current = setTimeout(() => { pending.current = null; reload(); }, THROTTLE_MS);
  });
  useEffect(() => {
    const roll = setInterval(reload, ROLL_MS);
    return () => { clearInterval(roll); if (pending.current) clearTimeout(pending.current); };
  }, [reload]);
  const data = useMemo(() => {
    if (!histogram.data) return null;
    const [xs, ...stack] = stackedColumns(histogram.data);
    return [xs, ...stack.reverse()] as uPlot.AlignedData;
  }, [histogram.data]);
  const { host } = useUplot((width) => chartOptions(width, current), data, scheme);
  const totals = histogram.data ? outcomeTotals(histogram.data) : null;
  const busy = histogram.data?.buckets.filter((b) => bucketTotal(b) > 0) ?? [];

  return (
    <section className="card" aria-labelledby="deliveries-chart-title" data-testid="deliveries-chart">
      <h2 id="deliveries-chart-title">Deliveries, last {HOURS} hours</h2>
      {histogram.error && <ErrorBox error={histogram.error} onRetry={histogram.reload} />}
      {!histogram.data && !histogram.error && <Loading what="the deliveries chart" />}
      <div ref={host} className="chart chart-clickable" aria-hidden="true" title="Click a bar to see that hour's deliveries" />
      {totals && (
        <ul className="chart-legend" aria-label="Totals of the last 48 hours">
          {DELIVERY_OUTCOMES.map((o) => (
            <li key={o}><span className={`chart-swatch swatch-${o}`} /> <a href={href('deliveries', null, { outcome: o })}>{o}</a> <b data-testid={`chart-total-${o}`}>{totals[o]}</b></li>
          ))}
        </ul>
      )}
      {histogram.data && (
        <table className="visually-hidden" data-testid="deliveries-chart-table">
          <caption>Deliveries per hour, by outcome (hours without deliveries left out)</caption>
          <thead><tr><th scope="col">Hour</th>{DELIVERY_OUTCOMES.map((o) => <th key={o} scope="col">{o}</th>)}<th scope="col">Total</th></tr></thead>
          <tbody>
            {busy.map((b) => (
              <tr key={b.start} data-start={b.start}>
                <th scope="row"><a href={href('deliveries', null, { from: b.start, to: new Date(Date.parse(b.start) + histogram.data!.bucketMs).toISOString() })}>
                  {hourText(b.start, histogram.data!.bucketMs)}</a></th>
                {DELIVERY_OUTCOMES.map((o) => <td key={o} data-outcome={o}>{b[o]}</td>)}
                <td data-outcome="total">{bucketTotal(b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
