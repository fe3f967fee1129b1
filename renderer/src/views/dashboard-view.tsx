/** The dashboard: where to point the provider, what arrived, and which certificates need the user. */
import type { BridgeEvent } from '../../../shared/bridge/index.ts';
import { DELIVERY_OUTCOMES } from '../../../shared/bridge/types.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { CopyButton } from '../components/copy-button.tsx';
import { TunnelCard } from '../components/tunnel-card.tsx';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { attentionReason } from '../lib/attention.ts';
import { formatTime } from '../lib/format.ts';
import { href } from '../lib/hash-route.ts';

export function DashboardView() {
  const status = useCall('status');
  const last = useCall('deliveries.list', { limit: 1 });
  const certs = useCall('certificates.list');
  useBridgeEvents((e: BridgeEvent) => {
    if (e.event === 'delivery') { status.reload(); last.reload(); }
    if (e.event === 'certificate') certs.reload();
  });
  const attention = (certs.data ?? []).map((c) => ({ cert: c, reason: attentionReason(c) })).filter((a) => a.reason);
  const latest = last.data?.[0];
  return (
    <div className="dashboard">
      <h1>Dashboard</h1>
      {status.error && <ErrorBox error={status.error} onRetry={status.reload} />}
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
      <section className="card">
        <h2>Last delivery</h2>
        {last.error && <ErrorBox error={last.error} onRetry={last.reload} />}
        {latest ? (
          <p><a href={href('deliveries', latest.id)}>{latest.commonName ?? latest.deliveryId}</a> — {latest.event ?? 'no event'},{' '}
            <span className={`badge outcome-${latest.outcome}`}>{latest.outcome}</span> at {formatTime(latest.receivedAt)}</p>
        ) : last.data && <p className="muted">No deliveries yet — send one with <code>certbell send --url {status.data?.webhookUrl ?? '<webhook URL>'}</code> or point your Openprovider webhook at it.</p>}
      </section>
      <section className="card">
        <h2>Certificates needing attention</h2>
        {certs.error && <ErrorBox error={certs.error} onRetry={certs.reload} />}
        {certs.data && (attention.length === 0 ? <p className="muted">Nothing needs you right now.</p> : (
          <ul>
            {attention.map(({ cert, reason }) => (
              <li key={cert.id}><a href={href('certificates', cert.id)}>{cert.commonName ?? cert.id}</a>: {reason} <span className="muted">({cert.statusText})</span></li>
            ))}
          </ul>
        ))}
      </section>
    </div>
  );
}
