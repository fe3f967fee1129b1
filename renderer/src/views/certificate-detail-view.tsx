/**
 * One certificate: its fields, its deployment check, and a timeline of its deliveries,
 * notifications, deployment state changes and what provider syncs found, newest first.
 */
import { MAX_LIST_LIMIT } from '../../../shared/bridge/methods.ts';
import { STATE_LABELS } from '../../../shared/deployment/index.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { DeploymentBadge } from '../components/deployment-badge.tsx';
import { DeploymentSection } from '../components/deployment-section.tsx';
import { ProviderOnlyBadge } from '../components/provider-only-badge.tsx';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { attentionReason } from '../lib/attention.ts';
import { mergeTimeline, withSyncChanges } from '../lib/certificate-timeline.ts';
import { describeResult, stateChanges, targetKey } from '../lib/deployment.ts';
import { TimeAt, TimeAgo } from '../components/time-ago.tsx';
import { notShownText } from '../lib/format.ts';
import { href, navigate, useRoute } from '../lib/hash-route.ts';
import { transitionText } from '../lib/provider-sync.ts';

export function CertificateDetailView({ id }: { id: string }) {
  const certs = useCall('certificates.list');
  const deliveries = useCall('deliveries.list', { certificateId: id, limit: MAX_LIST_LIMIT });
  const notifications = useCall('notifications.list', { certificateId: id, limit: MAX_LIST_LIMIT });
  const deployments = useCall('deployment.history', { certificateId: id, limit: MAX_LIST_LIMIT });
  const synced = useCall('sync.changes', { certificateId: id, limit: MAX_LIST_LIMIT });
  useBridgeEvents((e) => {
    if (e.event === 'deployment' && e.data.certificateId === id) deployments.reload();
    if (e.event === 'certificate' && e.data.id === id) { certs.reload(); synced.reload(); }
    if (e.event === 'sync' && !e.data.running) synced.reload();
    if (e.event === 'delivery') deliveries.reload();
    if (e.event === 'notification' && e.data.certificateId === id) notifications.reload();
  });
  const cert = certs.data?.find((c) => c.id === id);
  // Back to the list as it was left: its search, filter and sort came along in the address.
  const listQuery = useRoute().query;
  const error = certs.error ?? deliveries.error ?? notifications.error;
  const reload = () => { certs.reload(); deliveries.reload(); notifications.reload(); };
  // The deployment section reports its own errors: without the check's history the timeline still stands (so too without the syncs').
  const changes = stateChanges(deployments.data ?? []);
  const timeline = deliveries.data && notifications.data ? withSyncChanges(mergeTimeline(deliveries.data, notifications.data, changes), synced.data ?? []) : null;
  const reason = cert && attentionReason(cert);
  return (
    <div>
      <p><a href={href('certificates', null, listQuery)}>← Certificates</a></p>
      <h1>{cert?.commonName ?? id}</h1>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!certs.data && !error && <Loading what="the certificate" />}
      {certs.data && !cert && <p className="empty" data-testid="certificate-not-in-inventory">No certificate with id <code>{id}</code> is in
        the inventory: only an accepted delivery adds one (a rejected or aborted one that names it does not), or a provider sync that finds its order.{' '}
        <a href={href('certificates')}>See all certificates</a>.</p>}
      {cert && (
        <dl className="summary card">
          <dt>Status</dt><dd>{cert.statusText}{reason && <> <span className="badge warn">{reason}</span></>} <ProviderOnlyBadge show={cert.providerOnly} /></dd>
          <dt>Expires</dt><dd><TimeAt iso={cert.expireAt} />{cert.daysLeft !== null && ` (${cert.daysLeft} days left)`}</dd>
          <dt>Order</dt><dd>{cert.orderId ? <code>{cert.orderId}</code> : '—'}{cert.orderStatus && ` · ${cert.orderStatus}`}</dd>
          <dt>Pre-validation</dt><dd>{cert.preValidationStatus ?? '—'}</dd>
          <dt>Failed validators</dt><dd>{cert.failedValidators.length ? cert.failedValidators.join(', ') : 'none'}</dd>
          <dt>Provider sync</dt><dd data-testid="certificate-synced-at">{cert.syncedAt ? <>last seen <TimeAgo iso={cert.syncedAt} /></> : 'not seen by a sync'}</dd>
          <dt>Deployment</dt><dd><DeploymentBadge state={cert.deployment} /></dd>
          <dt>Certificate id</dt><dd><code>{cert.id}</code></dd>
        </dl>
      )}
      {cert && <DeploymentSection certificateId={id} />}
      <h2 className="section-heading">Timeline</h2>
      {!timeline && !error && <Loading what="the timeline" />}
      {timeline && timeline.length === 0 && <p className="empty">Nothing recorded for this certificate yet.</p>}
      {timeline && timeline.length > 0 && (
        <table className="table compact" data-testid="certificate-timeline">
          <thead><tr><th scope="col">Time</th><th scope="col">What</th><th scope="col">Detail</th></tr></thead>
          <tbody>
            {timeline.map((item) => 'sync' in item ? (
              <tr key={`s${item.at}\n${item.sync.to}`} data-testid="timeline-sync">
                <td><TimeAt iso={item.at} /></td>
                <td><span className="badge">provider sync</span> Found by provider sync: {transitionText(item.sync)}</td>
                <td className="muted">{item.sync.notification ?? 'nothing notified'}</td>
              </tr>
            ) : 'change' in item ? (
              <tr key={`c${item.at}\n${targetKey(item.change.result)}`} data-testid="timeline-deployment">
                <td><TimeAt iso={item.at} /></td>
                <td><span className="badge">deployment check</span> {describeResult(item.change.result)}</td>
                <td><DeploymentBadge state={item.change.result.state} />{' '}
                  <span className="muted">{item.change.previous ? `was ${STATE_LABELS[item.change.previous]}` : 'first check'}</span></td>
              </tr>
            ) : 'delivery' in item ? (
              <tr key={`d${item.delivery.id}`} data-testid="timeline-delivery" className="clickable"
                onClick={() => navigate('deliveries', item.delivery.id)}>
                <td><TimeAt iso={item.at} /></td>
                <td><a href={href('deliveries', item.delivery.id)}>{item.delivery.event ?? 'no event'}</a></td>
                <td><span className={`badge outcome-${item.delivery.outcome}`}>{item.delivery.outcome}</span></td>
              </tr>
            ) : (
              <tr key={`n${item.notification.id}`} data-testid="timeline-notification">
                <td><TimeAt iso={item.at} /></td>
                <td><span className="badge">{item.notification.kind}</span> {item.notification.title}</td>
                <td className="muted">{item.notification.shown ? 'shown' : notShownText(item.notification.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
