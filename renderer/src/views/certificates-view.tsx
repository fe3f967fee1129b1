/** The certificate inventory, sortable by days left, common name or last update; a name opens its timeline. */
import { useState } from 'react';
import type { CertificateSummary } from '../../../shared/bridge/index.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { DeploymentBadge } from '../components/deployment-badge.tsx';
import { ProviderOnlyBadge } from '../components/provider-only-badge.tsx';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { attentionReason } from '../lib/attention.ts';
import { formatTime } from '../lib/format.ts';
import { href } from '../lib/hash-route.ts';

type SortKey = 'daysLeft' | 'commonName' | 'updatedAt';
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'commonName', label: 'Common name' }, { key: 'daysLeft', label: 'Days left' }, { key: 'updatedAt', label: 'Updated' },
];

function compare(a: CertificateSummary, b: CertificateSummary, key: SortKey): number {
  if (key === 'daysLeft') return (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity);
  return String(a[key] ?? '').localeCompare(String(b[key] ?? ''));
}

export function CertificatesView() {
  const certs = useCall('certificates.list');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'daysLeft', asc: true });
  useBridgeEvents((e) => {
    if (e.event === 'certificate' || (e.event === 'deploymentStatus' && !e.data.checking)) certs.reload();
  });
  const rows = [...(certs.data ?? [])].sort((a, b) => (sort.asc ? 1 : -1) * compare(a, b, sort.key));
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link" onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : true })}>
        {label}{sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  return (
    <div>
      <h1>Certificates</h1>
      {certs.error && <ErrorBox error={certs.error} onRetry={certs.reload} />}
      {!certs.data && !certs.error && <Loading what="certificates" />}
      {certs.data && rows.length === 0 && <p className="empty">No certificates yet. They appear as soon as a certificate event arrives — from
        Openprovider, from a provider sync (<a href={href('settings', 'provider')}>Settings → Provider</a>), or try one
        with <code>certbell send --event ssl_panel.issued</code>.</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>{header('commonName', COLUMNS[0].label)}<th scope="col">Status</th>{header('daysLeft', COLUMNS[1].label)}
              <th scope="col">Expires</th><th scope="col">Deployment</th><th scope="col">Last event</th>{header('updatedAt', COLUMNS[2].label)}</tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const reason = attentionReason(c);
              return (
                <tr key={c.id} className={reason ? 'attention' : undefined} data-testid="certificate-row">
                  <td><a href={href('certificates', c.id)}>{c.commonName ?? c.id}</a> <ProviderOnlyBadge show={c.providerOnly} /></td><td>{c.statusText}{reason && <> <span className="badge warn">{reason}</span></>}</td>
                  <td>{c.daysLeft ?? '—'}</td><td>{formatTime(c.expireAt)}</td>
                  <td><DeploymentBadge state={c.deployment} /></td><td>{c.lastEvent ?? '—'}</td><td>{formatTime(c.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
