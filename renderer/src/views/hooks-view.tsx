/** The hooks in force, read-only for now. */
import { useCall } from '../bridge/use-bridge.ts';
import { ErrorBox, Loading } from '../components/status-box.tsx';

export function HooksView() {
  const hooks = useCall('hooks.list');
  return (
    <div>
      <h1>Hooks</h1>
      {hooks.error && <ErrorBox error={hooks.error} onRetry={hooks.reload} />}
      {!hooks.data && !hooks.error && <Loading what="hooks" />}
      {hooks.data && hooks.data.length === 0 && <p className="empty">No hooks yet. Add them under <code>hooks</code> in <code>config.json</code> (the editor is coming).</p>}
      {hooks.data && hooks.data.length > 0 && (
        <table className="table">
          <thead><tr><th scope="col">Name</th><th scope="col">Stage</th><th scope="col">Events</th><th scope="col">Runs</th><th scope="col">Timeout</th></tr></thead>
          <tbody>
            {hooks.data.map((h, i) => (
              <tr key={i}>
                <td>{h.name}</td><td>{h.stage}</td><td>{h.events.join(', ') || 'all'}</td>
                <td><code>{h.kind === 'command' ? h.command.join(' ') : `${h.file} (${h.method})`}</code></td><td>{h.timeoutMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
