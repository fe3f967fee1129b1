/**
 * Notification history (SPEC §7): filterable by kind, by whether it was shown, and by text; each entry
 * links to what it is about — its delivery in the inspector and its certificate's timeline.
 */
import { useState } from 'react';
import type { NotificationEntry } from '../../../shared/bridge/index.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { PauseControl } from '../components/pause-control.tsx';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { TimeAgo } from '../components/time-ago.tsx';
import { notShownText } from '../lib/format.ts';
import { href } from '../lib/hash-route.ts';
import { useListKeys } from '../lib/use-list-keys.ts';

type Shown = '' | 'shown' | 'hidden';

function matches(n: NotificationEntry, kind: string, shown: Shown, search: string): boolean {
  if (kind && n.kind !== kind) return false;
  if (shown === 'shown' && !n.shown) return false;
  if (shown === 'hidden' && n.shown) return false;
  const needle = search.trim().toLowerCase();
  return !needle || `${n.title}\n${n.body}`.toLowerCase().includes(needle);
}

function EmptyState({ filtered }: { filtered: boolean }) {
  if (filtered) return <p className="empty">No notification matches these filters.</p>;
  return (
    <p className="empty" data-testid="notifications-empty">
      No notifications yet. They are recorded as deliveries arrive (issued, failed, expiring, a message from the CA…), shown or
      not. To check that desktop notifications reach you, use <a href={href('settings', 'notify')}>Settings → Send test notification</a>.
    </p>
  );
}

export function NotificationsView() {
  const list = useCall('notifications.list', { limit: 500 });
  const certs = useCall('certificates.list');
  const [kind, setKind] = useState('');
  const [shown, setShown] = useState<Shown>('');
  const [search, setSearch] = useState('');
  useBridgeEvents((e) => {
    if (e.event === 'notification') list.reload();
    if (e.event === 'certificate') certs.reload();
  });
  const onKeyDown = useListKeys();
  const all = list.data ?? [];
  const kinds = [...new Set(all.map((n) => n.kind))].sort();
  const rows = all.filter((n) => matches(n, kind, shown, search));
  // A notification names its certificate by id; the link reads better with the common name.
  const certName = (id: string) => certs.data?.find((c) => c.id === id)?.commonName ?? id;
  return (
    <div>
      <h1>Notifications</h1>
      <PauseControl />
      <form className="filters notification-filters" role="search" aria-label="Filter notifications" onSubmit={(e) => e.preventDefault()}>
        <label>Search<input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="title or text" /></label>
        <label>Kind
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">any</option>
            {kinds.map((k) => <option key={k}>{k}</option>)}
          </select>
        </label>
        <label>Shown
          <select value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
            <option value="">any</option>
            <option value="shown">shown</option>
            <option value="hidden">not shown (settings, paused, quiet hours)</option>
          </select>
        </label>
      </form>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading what="notifications" />}
      {list.data && rows.length === 0 && <EmptyState filtered={all.length > 0} />}
      <ul className="notifications" onKeyDown={onKeyDown}>
        {rows.map((n) => (
          <li key={n.id} className="card" data-testid="notification" data-list-item tabIndex={-1}>
            <p className="notification-head"><span className="badge">{n.kind}</span> <b>{n.title}</b>{' '}
              <span className="muted"><TimeAgo iso={n.createdAt} />{n.shown ? '' : ` · ${notShownText(n.reason)}`}</span></p>
            <p>{n.body}</p>
            {(n.deliveryId || n.certificateId) && (
              <p className="actions">
                {n.deliveryId && <a href={href('deliveries', n.deliveryId)} aria-label={`Open the delivery of “${n.title}”`}>Open the delivery</a>}
                {n.certificateId && <a href={href('certificates', n.certificateId)}>Certificate {certName(n.certificateId)}</a>}
              </p>
            )}
            {n.kind === 'security' && <p><a href={href('deliveries', null, { outcome: 'rejected' })}>See the rejected deliveries</a> and what was tried</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
