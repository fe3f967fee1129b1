/**
 * The certificate inventory: days left as a bar coloured by the expiry thresholds, status and
 * deployment badges, a search and a "needs attention only" filter, sortable by column. Search, filter
 * and sort live in the address, so a reload or a copied link shows the same list. Arrow keys move
 * through the rows, Enter opens one.
 */
import { memo, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { CertificateSummary } from '../../../shared/bridge/index.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { DaysLeftBar } from '../components/days-left-bar.tsx';
import { DeploymentBadge } from '../components/deployment-badge.tsx';
import { ProviderOnlyBadge } from '../components/provider-only-badge.tsx';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { TimeAgo } from '../components/time-ago.tsx';
import {
  applyList, DEFAULT_LIST, listFromQuery, listToQuery, toRows, type CertificateListState, type CertificateRow, type CertificateSortKey,
} from '../lib/certificate-list.ts';
import { href, navigate, replaceRoute, useRoute } from '../lib/hash-route.ts';
import { useGrowLimit } from '../lib/use-grow-limit.ts';
import { useListKeys } from '../lib/use-list-keys.ts';

const DEFAULT_THRESHOLDS = [30, 14, 7, 3, 1];
/** Rows rendered at once; more as the list scrolls (thousands of table rows are slow to lay out). */
const PAGE_ROWS = 200;

const Row = memo(function Row({ row, thresholds }: { row: CertificateRow; thresholds: readonly number[] }) {
  const c: CertificateSummary = row.cert;
  return (
    <tr className={row.reason ? 'attention' : undefined} data-testid="certificate-row" data-certificate-id={c.id}>
      <td><a href={href('certificates', c.id)} data-list-item data-list-key={c.id}>{c.commonName ?? c.id}</a>{' '}
        <ProviderOnlyBadge show={c.providerOnly} /></td>
      <td>{c.statusText}{row.reason && <> <span className="badge warn" data-testid="attention-badge">{row.reason}</span></>}</td>
      <td><DaysLeftBar daysLeft={c.daysLeft} thresholds={thresholds} /></td>
      <td><TimeAgo iso={c.expireAt} /></td>
      <td><DeploymentBadge state={c.deployment} /></td>
      <td>{c.lastEvent ?? '—'}</td>
      <td><TimeAgo iso={c.updatedAt} /></td>
    </tr>
  );
});

function SortHeader({ state, column, label, onSort }: { state: CertificateListState; column: CertificateSortKey; label: string; onSort(key: CertificateSortKey): void }) {
  const active = state.sort === column;
  return (
    <th scope="col" aria-sort={active ? (state.ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link" onClick={() => onSort(column)}>{label}{active ? (state.ascending ? ' ▲' : ' ▼') : ''}</button>
    </th>
  );
}

function EmptyInventory() {
  return <p className="empty">No certificates yet. They appear as soon as a certificate event arrives — from
    Openprovider, from a provider sync (<a href={href('settings', 'provider')}>Settings → Provider</a>), or try one
    with <code>certbell send --event ssl_panel.issued</code>.</p>;
}

export function CertificatesView() {
  const route = useRoute();
  const certs = useCall('certificates.list');
  const settings = useCall('settings.get');
  const fromAddress = JSON.stringify(listFromQuery(route.query));
  const [state, setState] = useState<CertificateListState>(() => JSON.parse(fromAddress) as CertificateListState);
  // The address changed under the open view (a link, back/forward): take its list.
  const adopted = useRef(fromAddress);
  useEffect(() => {
    if (fromAddress === adopted.current) return;
    adopted.current = fromAddress;
    setState(JSON.parse(fromAddress) as CertificateListState);
  }, [fromAddress]);
  const query = useMemo(() => listToQuery(state), [state]);
  useEffect(() => { replaceRoute('certificates', null, query); }, [query]);
  useBridgeEvents((e) => {
    if (e.event === 'certificate' || (e.event === 'deploymentStatus' && !e.data.checking)) certs.reload();
  });
  const thresholds = settings.data?.notifications.expiryThresholdsDays ?? DEFAULT_THRESHOLDS;
  const all = useMemo(() => toRows(certs.data ?? []), [certs.data]);
  const rows = useMemo(() => applyList(all, state), [all, state]);
  const [limit, sentinel] = useGrowLimit<HTMLParagraphElement>(PAGE_ROWS, rows.length, state);
  const onKeyDown = useListKeys();
  // A row's link opens the certificate with this list's address, so Escape and "← Certificates" come back to
  // the same list. Done here, once for the table, rather than in each row: a row's props stay the same while
  // the search or sort changes, so only the rows that come and go render again.
  const onClick = (e: MouseEvent<HTMLTableElement>) => {
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-list-key]');
    if (!link || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate('certificates', link.dataset.listKey, query);
  };
  const onSort = (key: CertificateSortKey) => setState((s) => ({ ...s, sort: key, ascending: s.sort === key ? !s.ascending : true }));
  const filtered = state.search.trim() !== '' || state.attentionOnly;
  const header = (column: CertificateSortKey, label: string) => <SortHeader state={state} column={column} label={label} onSort={onSort} />;
  return (
    <div>
      <h1>Certificates</h1>
      {certs.error && <ErrorBox error={certs.error} onRetry={certs.reload} />}
      {!certs.data && !certs.error && <Loading what="certificates" />}
      {certs.data && all.length === 0 && <EmptyInventory />}
      {all.length > 0 && (
        <>
          <form className="filters" role="search" aria-label="Filter certificates" onSubmit={(e) => e.preventDefault()}>
            <label>Search<input type="search" value={state.search} placeholder="common name or id"
              onChange={(e) => setState((s) => ({ ...s, search: e.target.value }))} /></label>
            <label className="check"><input type="checkbox" checked={state.attentionOnly}
              onChange={(e) => setState((s) => ({ ...s, attentionOnly: e.target.checked }))} /> Needs attention only</label>
            <span className="muted" role="status" data-testid="certificate-count">{filtered ? `${rows.length} of ${all.length}` : all.length} shown</span>
          </form>
          {rows.length === 0 ? (
            <p className="empty" data-testid="certificates-no-match">No certificate matches.{' '}
              <button type="button" onClick={() => setState((s) => ({ ...DEFAULT_LIST, sort: s.sort, ascending: s.ascending }))}>Clear filters</button></p>
          ) : (
            <table className="table certificate-table" onKeyDown={onKeyDown} onClick={onClick}>
              <thead>
                <tr>{header('commonName', 'Common name')}{header('status', 'Status')}{header('daysLeft', 'Days left')}
                  <th scope="col">Expires</th>{header('deployment', 'Deployment')}<th scope="col">Last event</th>{header('updatedAt', 'Updated')}</tr>
              </thead>
              <tbody>
                {rows.slice(0, limit).map((row) => <Row key={row.cert.id} row={row} thresholds={thresholds} />)}
              </tbody>
            </table>
          )}
          {rows.length > limit && <p ref={sentinel} className="muted" data-testid="certificates-more">{limit} of {rows.length} rows shown; scroll for more.</p>}
        </>
      )}
    </div>
  );
}
