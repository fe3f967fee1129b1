/** One target's stored checks, newest first (`deployment.history`), kept current from pushed results. */
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { chainText, describeResult } from '../lib/deployment.ts';
import { TimeAt } from './time-ago.tsx';
import { DeploymentBadge } from './deployment-badge.tsx';
import { ServedCertificate } from './served-certificate.tsx';
import { ErrorBox, Loading } from './status-box.tsx';

const HISTORY_LIMIT = 50;

export function DeploymentHistory({ certificateId, target, name }: { certificateId: string; target: string; name: string }) {
  const history = useCall('deployment.history', { certificateId, target, limit: HISTORY_LIMIT });
  useBridgeEvents((e) => {
    if (e.event === 'deployment' && e.data.certificateId === certificateId && e.data.target === target && e.data.name === name) history.reload();
  });
  // Filtered by name too: two names can be checked at one "host:port".
  const rows = (history.data ?? []).filter((r) => r.name === name);
  return (
    <div className="deployment-history" data-testid="deployment-history">
      <h4>History of {name} at {target}</h4>
      {history.error && <ErrorBox error={history.error} onRetry={history.reload} />}
      {!history.data && !history.error && <Loading what="the history" />}
      {history.data && rows.length === 0 && <p className="muted">No check stored for this target yet.</p>}
      {rows.length > 0 && (
        <table className="table compact" aria-label={`Deployment history of ${name} at ${target}`}>
          <thead><tr><th scope="col">Checked</th><th scope="col">State</th><th scope="col">Served certificate</th>
            <th scope="col">Chain</th><th scope="col">Error</th></tr></thead>
          <tbody>
            {rows.map((r, i) => {
              // The oldest stored check has nothing before it to differ from.
              const changed = i < rows.length - 1 && rows[i + 1].state !== r.state;
              return (
                <tr key={`${r.checkedAt}-${i}`} data-testid="deployment-history-row" title={describeResult(r)}>
                  <td><TimeAt iso={r.checkedAt} /> <span className="muted">({r.durationMs} ms)</span></td>
                  <td className="nowrap"><DeploymentBadge state={r.state} />{changed && <span className="muted"> changed</span>}</td>
                  <td><ServedCertificate row={r} /></td>
                  <td className="wrap">{chainText(r)}</td>
                  <td className={r.error ? 'wrap danger' : 'muted'}>{r.error ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.length === HISTORY_LIMIT && <p className="hint">The latest {HISTORY_LIMIT} checks.</p>}
    </div>
  );
}
