/** The dashboard: the first-run steps, what expires when and how deliveries flow (charts), where to point the provider, the provider sync, what arrived, and which certificates need the user. */
import { useEffect } from 'react';
import type { BridgeEvent } from '../../../shared/bridge/index.ts';
import { DELIVERY_OUTCOMES } from '../../../shared/bridge/types.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { CopyButton } from '../components/copy-button.tsx';
import { DeliveriesChart } from '../components/deliveries-chart.tsx';
import { ExpiryTimeline } from '../components/expiry-timeline.tsx';
import { GetStartedCard } from '../components/get-started-card.tsx';
import { PauseControl } from '../components/pause-control.tsx';
import { SyncCard } from '../components/sync-card.tsx';
import { TunnelCard } from '../components/tunnel-card.tsx';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { attentionReason, setupProblems } from '../lib/attention.ts';
import { formatTime, notShownText } from '../lib/format.ts';
import { href } from '../lib/hash-route.ts';

/** Recent activity: the last deliveries and notifications, newest first. */
const RECENT = 5;
const RECENT_NOTIFICATIONS = 3;

export function DashboardView() {
  const status = useCall('status');
  const recent = useCall('deliveries.list', { limit: RECENT });
  const notes = useCall('notifications.list', { limit: RECENT_NOTIFICATIONS });
  const certs = useCall('certificates.list');
  useBridgeEvents((e: BridgeEvent) => {
    if (e.event === 'delivery') { status.reload(); recent.reload(); }
    if (e.event === 'notification') notes.reload();
    if (e.event === 'certificate') certs.reload();
    // A deployment round ended: the worst states it shows (and so what needs attention) may have changed.
    if (e.event === 'deploymentStatus' && !e.data.checking) certs.reload();
  });
  const attention = (certs.data ?? []).map((c) => ({ cert: c, reason: attentionReason(c) })).filter((a) => a.reason);
  // The setup comes first: with no secret, every delivery is refused whatever the certificates say.
  const problems = status.data ? setupProblems(status.data) : [];
  // Settings have no pushed event: while a problem shows, look again now and then, so a fix clears it.
  const { reload: reloadStatus } = status;
  useEffect(() => {
    if (problems.length === 0) return;
    const poll = setInterval(reloadStatus, 5000);
    return () => clearInterval(poll);
  }, [problems.length, reloadStatus]);
  return (
    <div className="dashboard">
      <h1>Dashboard</h1>
      <PauseControl whenPaused />
      {status.error && <ErrorBox error={status.error} onRetry={status.reload} />}
      <GetStartedCard />
      <div className="dashboard-charts">
        <ExpiryTimeline />
        <DeliveriesChart />
      </div>
      <section className="card">
        <h2>Local webhook URL</h2>
        {status.data ? (
          <>
            <p className="url-row"><code data-testid="webhook-url">{status.data.webhookUrl}</code> <CopyButton text={status.data.webhookUrl} /></p>
            <p className="muted">Listening on {status.data.listener.host}:{status.data.listener.port}, path {status.data.listener.path}. Data in {status.data.dataDir}.</p>
          </>
        ) : !status.error && <Loading what="the listener" />}
      </section>
      <TunnelCard />
      <SyncCard />
      <section className="card">
        <h2>Deliveries by outcome</h2>
        {status.data && (
          <ul className="counts">
            <li><a href={href('deliveries')}><b>{status.data.total}</b> total</a></li>
            {DELIVERY_OUTCOMES.map((o) => (
              <li key={o}><a href={href('deliveries', null, { outcome: o })} title={`Show the ${o} deliveries`}>
                <span className={`badge outcome-${o}`}>{o}</span> <b>{status.data!.counts[o]}</b></a></li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" data-testid="recent-activity">
        <h2>Recent activity</h2>
        {recent.error && <ErrorBox error={recent.error} onRetry={recent.reload} />}
        {recent.data && recent.data.length > 0 && (
          <ul className="recent">
            {recent.data.map((d) => (
              <li key={d.id}><span className="muted">{formatTime(d.receivedAt)}</span>{' '}
                <span className={`badge outcome-${d.outcome}`}>{d.outcome}</span> {d.event ?? 'no event'}
                {' — '}<a href={href('deliveries', d.id)}>{d.commonName ?? d.deliveryId}</a></li>
            ))}
          </ul>
        )}
        {recent.data && recent.data.length === 0 && <p className="muted">No deliveries yet — send one with <code>certbell send --url {status.data?.webhookUrl ?? '<webhook URL>'}</code> or point your Openprovider webhook at it.</p>}
        {notes.error && <ErrorBox error={notes.error} onRetry={notes.reload} />}
        {notes.data && notes.data.length > 0 && (
          <>
            <h3>Latest notifications</h3>
            <ul className="recent">
              {notes.data.map((n) => (
                <li key={n.id}><span className="muted">{formatTime(n.createdAt)}</span> <a href={href('notifications')}>{n.title}</a>
                  <span className="muted">{n.shown ? '' : ` (${notShownText(n.reason)})`} {n.body.split('\n')[0]}</span></li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="card" data-testid="needing-attention">
        <h2>Needing attention</h2>
        {certs.error && <ErrorBox error={certs.error} onRetry={certs.reload} />}
        {certs.data && (attention.length === 0 && problems.length === 0 ? <p className="muted">Nothing needs you right now.</p> : (
          <ul>
            {problems.map((p) => (
              <li key={p.id} className="warning" data-testid={`problem-${p.id}`}>{p.text}. <a href={href('settings', 'secrets')}>Set a secret</a></li>
            ))}
            {attention.map(({ cert, reason }) => (
              <li key={cert.id}><a href={href('certificates', cert.id)}>{cert.commonName ?? cert.id}</a>: {reason} <span className="muted">({cert.statusText})</span></li>
            ))}
          </ul>
        ))}
      </section>
    </div>
  );
}
