/**
 * The expiry timeline (the dashboard): the next 90 days, each certificate a point at its expiry,
 * the expiry warning thresholds of the settings (SPEC §7) as lines, expired certificates in a band
 * at the left edge. A point opens its certificate. Live on `certificate` events. For screen
 * readers (and keyboards) the same certificates are a list of links.
 */
import { useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { BridgeEvent } from '../../../shared/bridge/index.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { EXPIRED_AT, EXPIRY_BANDS, expiryColumns, expiryPoints, TIMELINE_DAYS, type ExpiryBand, type ExpiryPoint } from '../lib/chart-data.ts';
import { formatRelative, formatTime, userLocale } from '../lib/format.ts';
import { href, navigate } from '../lib/hash-route.ts';
import { useNow } from '../lib/use-now.ts';
import { ErrorBox, Loading } from './status-box.tsx';
import { themeColor, useColorScheme, useUplot } from './use-uplot.ts';
import './charts.css';

const DEFAULT_THRESHOLDS = [30, 14, 7, 3, 1];
const DAY_MS = 86_400_000;
/** How near (CSS px) a click must be to a point to open it. */
const HIT_PX = 14;

const BAND_COLORS: Record<ExpiryBand, [string, string]> = {
  expired: ['--text', '#1b1f24'], urgent: ['--danger', '#b3261e'], soon: ['--warn', '#9a5b00'], later: ['--ok', '#1d7a3a'],
};
const BAND_TEXT: Record<ExpiryBand, string> = {
  expired: 'expired', urgent: 'expires very soon', soon: 'within the warning thresholds', later: 'beyond the thresholds',
};

interface Live { points: ExpiryPoint[]; thresholds: number[]; now: number }

function nearest(u: uPlot, points: ExpiryPoint[]): ExpiryPoint | null {
  const { left, top } = u.cursor;
  if (left === undefined || top === undefined || left < 0) return null;
  let best: ExpiryPoint | null = null;
  let bestDistance = HIT_PX;
  for (const p of points) {
    const distance = Math.hypot(u.valToPos(p.x, 'x') - left, u.valToPos(p.y, 'y') - top);
    if (distance <= bestDistance) { best = p; bestDistance = distance; }
  }
  return best;
}

function drawThresholds(u: uPlot, live: Live): void {
  const { ctx, bbox } = u;
  const ratio = devicePixelRatio || 1;
  ctx.save();
  ctx.strokeStyle = themeColor('--muted', '#5b6470');
  ctx.fillStyle = ctx.strokeStyle;
  ctx.font = `${11 * ratio}px sans-serif`;
  ctx.setLineDash([4 * ratio, 4 * ratio]);
  ctx.lineWidth = ratio;
  // Labels left to right, each only where the one before leaves room (1 d and 3 d are close).
  let free = -Infinity;
  for (const days of [...live.thresholds].sort((a, b) => a - b)) {
    if (days > TIMELINE_DAYS) continue;
    const x = Math.round(u.valToPos(days, 'x', true));
    ctx.beginPath(); ctx.moveTo(x, bbox.top); ctx.lineTo(x, bbox.top + bbox.height); ctx.stroke();
    const label = `${days} d`;
    if (x + 3 * ratio < free) continue;
    ctx.fillText(label, x + 3 * ratio, bbox.top + 11 * ratio);
    free = x + 3 * ratio + ctx.measureText(label).width + 4 * ratio;
  }
  // The expired band, left of today.
  const today = u.valToPos(0, 'x', true);
  ctx.setLineDash([]);
  ctx.globalAlpha = 0.08;
  ctx.fillRect(bbox.left, bbox.top, today - bbox.left, bbox.height);
  ctx.restore();
}

function chartOptions(width: number, live: React.RefObject<Live>): uPlot.Options {
  const text = themeColor('--muted', '#5b6470');
  const grid = themeColor('--border', '#d6dae0');
  const dateFormat = new Intl.DateTimeFormat(userLocale(), { month: 'short', day: 'numeric' });
  return {
    width, height: 170,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
    scales: {
      x: { time: false, range: [EXPIRED_AT - 2, TIMELINE_DAYS + 1] },
      y: { range: () => [0, Math.max(3, ...live.current.points.map((p) => p.y)) + 1] },
    },
    axes: [
      { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
        splits: () => [EXPIRED_AT, 0, 15, 30, 45, 60, 75, 90],
        values: (_u, splits) => splits.map((d) => (d === EXPIRED_AT ? 'expired' : d === 0 ? 'today' : dateFormat.format(new Date(live.current.now + d * DAY_MS)))) },
      { show: false },
    ],
    series: [{}, ...EXPIRY_BANDS.map((band) => {
      const color = themeColor(...BAND_COLORS[band]);
      return { label: band, stroke: color, paths: () => null, points: { show: true, size: 11, width: 2, stroke: color, fill: color } };
    })],
    hooks: {
      ready: [(u) => {
        u.over.addEventListener('click', () => {
          const hit = nearest(u, live.current.points);
          if (hit) navigate('certificates', hit.id);
        });
      }],
      setCursor: [(u) => {
        const hit = nearest(u, live.current.points);
        u.over.title = hit ? `${hit.name}: ${hit.days < 0 ? 'expired' : 'expires'} ${formatTime(hit.expireAt)}` : '';
        u.over.style.cursor = hit ? 'pointer' : 'default';
      }],
      draw: [(u) => {
        drawThresholds(u, live.current);
        // Where each point is, for the tests that click one.
        u.root.dataset.points = JSON.stringify(live.current.points.map((p) => ({
          id: p.id, x: Math.round(u.valToPos(p.x, 'x')), y: Math.round(u.valToPos(p.y, 'y')) })));
      }],
    },
  };
}

export function ExpiryTimeline() {
  const scheme = useColorScheme();
  const certs = useCall('certificates.list');
  const settings = useCall('settings.get');
  const now = useNow();
  useBridgeEvents((e: BridgeEvent) => { if (e.event === 'certificate') certs.reload(); });
  const thresholds = settings.data?.notifications.expiryThresholdsDays ?? DEFAULT_THRESHOLDS;
  const { points, beyond } = useMemo(() => expiryPoints(certs.data ?? [], thresholds, now), [certs.data, thresholds, now]);
  const live = useRef<Live>({ points, thresholds, now });
  live.current = { points, thresholds, now };
  const data = useMemo(() => (certs.data ? expiryColumns(points) as uPlot.AlignedData : null), [certs.data, points]);
  const { host } = useUplot((width) => chartOptions(width, live), data, scheme);

  return (
    <section className="card" aria-labelledby="expiry-title" data-testid="expiry-timeline">
      <h2 id="expiry-title">Expiring in the next {TIMELINE_DAYS} days</h2>
      {certs.error && <ErrorBox error={certs.error} onRetry={certs.reload} />}
      {!certs.data && !certs.error && <Loading what="the certificates" />}
      <div ref={host} className="chart" aria-hidden="true" />
      {certs.data && (
        <ul className="chart-legend">
          {EXPIRY_BANDS.map((band) => <li key={band}><span className={`chart-swatch swatch-${band}`} /> {BAND_TEXT[band]} <b>{points.filter((p) => p.band === band).length}</b></li>)}
          <li><span className="chart-swatch swatch-threshold" /> warnings at {thresholds.join(', ')} days</li>
          {beyond > 0 && <li className="muted">{beyond} more {beyond === 1 ? 'expires' : 'expire'} after {TIMELINE_DAYS} days</li>}
        </ul>
      )}
      {certs.data && points.length === 0 && <p className="muted">No certificate expires in the next {TIMELINE_DAYS} days.</p>}
      {points.length > 0 && (
        <ul className="visually-hidden" aria-label="Certificates by expiry" data-testid="expiry-list">
          {points.map((p) => (
            <li key={p.id}><a href={href('certificates', p.id)}>{p.name}</a>: {p.days < 0 ? 'expired' : 'expires'} {formatRelative(p.expireAt, now)} ({formatTime(p.expireAt)})</li>
          ))}
        </ul>
      )}
    </section>
  );
}
