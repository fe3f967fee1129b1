/** Notification history, filterable by kind; a row opens its delivery in the inspector. */
import { useState } from 'react';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { formatTime } from '../lib/format.ts';
import { href } from '../lib/hash-route.ts';

export function NotificationsView() {
  const list = useCall('notifications.list', { limit: 500 });
  const [kind, setKind] = useState('');
  useBridgeEvents((e) => { if (e.event === 'notification') list.reload(); });
  const all = list.data ?? [];
  const kinds = [...new Set(all.map((n) => n.kind))].sort();
  const rows = kind ? all.filter((n) => n.kind === kind) : all;
  return (
    <div>
      <h1>Notifications</h1>
      <label className="inline-label">Kind
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">any</option>
          {kinds.map((k) => <option key={k}>{k}</option>)}
        </select>
      </label>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading what="notifications" />}
      {list.data && rows.length === 0 && <p className="empty">No notifications{kind ? ` of kind ${kind}` : ''} yet.</p>}
      <ul className="notifications">
        {rows.map((n) => (
          <li key={n.id} className="card">
            <p><span className="badge">{n.kind}</span> <b>{n.title}</b> <span className="muted">{formatTime(n.createdAt)}{n.shown ? '' : ` · not shown${n.reason ? `: ${n.reason}` : ''}`}</span></p>
            <p>{n.body}</p>
            {n.deliveryId && <p><a href={href('deliveries', n.deliveryId)}>Open the delivery</a></p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
