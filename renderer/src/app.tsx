/** The shell: navigation on the left, one view at a time, the live connection's state. */
import { useEffect } from 'react';
import { useConnectionState } from './bridge/use-bridge.ts';
import { filterFromQuery } from './lib/delivery-filter.ts';
import { href, useRoute, type Route } from './lib/hash-route.ts';
import { useViewKeys } from './lib/use-list-keys.ts';
import { CertificateDetailView } from './views/certificate-detail-view.tsx';
import { CertificatesView } from './views/certificates-view.tsx';
import { DashboardView } from './views/dashboard-view.tsx';
import { DeliveriesView } from './views/deliveries-view.tsx';
import { HooksView } from './views/hooks-view.tsx';
import { NotificationsView } from './views/notifications-view.tsx';
import { SettingsView } from './views/settings-view.tsx';

const VIEWS = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'deliveries', label: 'Deliveries' },
  { id: 'certificates', label: 'Certificates' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'hooks', label: 'Hooks' },
  { id: 'settings', label: 'Settings' },
] as const;

function CurrentView({ view, arg, query }: Route) {
  switch (view) {
    case 'deliveries': return <DeliveriesView selectedId={arg} initialFilter={filterFromQuery(query)} />;
    case 'certificates': return arg === null ? <CertificatesView /> : <CertificateDetailView id={arg} />;
    case 'notifications': return <NotificationsView />;
    case 'hooks': return <HooksView />;
    case 'settings': return <SettingsView section={arg} />;
    case 'dashboard': return <DashboardView />;
    default: return <p className="empty">No such page. <a href={href('dashboard')}>Go to the dashboard</a>.</p>;
  }
}

export function App() {
  const route = useRoute();
  const connection = useConnectionState();
  // `/` focuses the view's search, Escape goes back from a detail to its list.
  useViewKeys();
  // The window title names the view, so tabs, history and screen readers tell the pages apart.
  const viewLabel = VIEWS.find((v) => v.id === route.view)?.label;
  useEffect(() => { document.title = viewLabel ? `${viewLabel} — Certbell` : 'Certbell'; }, [viewLabel]);
  return (
    <div className="shell">
      {/* The first Tab stop skips the navigation. Not a plain #main link: the hash is the route. */}
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <nav className="nav" aria-label="Main">
        {/* The app icon itself (renderer/public/favicon.svg, drawn by scripts/make-icons.ts); the name beside it is the text. */}
        <div className="brand"><img src="./favicon.svg" alt="" width={28} height={28} />Certbell</div>
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <a href={href(v.id)} aria-current={route.view === v.id ? 'page' : undefined}>{v.label}</a>
            </li>
          ))}
        </ul>
        {/* 'retrying' is a closed event stream (the host refused it, e.g. a restart with a new token): the
            browser does not retry that by itself, so the user is told to reload. */}
        <p className={`connection connection-${connection}`} role="status">
          {connection === 'open' ? 'Live' : connection === 'connecting' ? 'Connecting…' : 'Disconnected: reload the page'}
        </p>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <CurrentView {...route} />
      </main>
    </div>
  );
}
