/** Settings, read-only for now: what is in force, secrets shown as label and kind only. */
import { useCall } from '../bridge/use-bridge.ts';
import { ErrorBox, Loading } from '../components/status-box.tsx';

export function SettingsView() {
  const settings = useCall('settings.get');
  return (
    <div>
      <h1>Settings</h1>
      <p className="muted">Read-only here for now; edit <code>config.json</code> in the data directory — changes apply without a restart.</p>
      {settings.error && <ErrorBox error={settings.error} onRetry={settings.reload} />}
      {!settings.data && !settings.error && <Loading what="settings" />}
      {settings.data && (
        <>
          <h2>Secrets</h2>
          {settings.data.secrets.length === 0 ? <p className="muted">No secret configured: signed deliveries cannot be verified.</p> : (
            <ul>{settings.data.secrets.map((s, i) => <li key={i}><b>{s.label}</b> ({s.kind}) <code>{s.masked}</code></li>)}</ul>
          )}
          <h2>Everything else</h2>
          <pre className="output">{JSON.stringify({ ...settings.data, secrets: undefined }, null, 2)}</pre>
        </>
      )}
    </div>
  );
}
