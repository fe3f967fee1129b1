/** Hook runs of a delivery, with their output. */
import type { HookRunRecord } from '../../../shared/bridge/index.ts';
import { TimeAgo } from './time-ago.tsx';

function verdict(run: HookRunRecord): string {
  if (run.error) return run.error;
  if (run.timedOut) return 'timed out';
  if (run.signal) return `killed by ${run.signal}`;
  return `exit ${run.exitCode}`;
}

export function HookRunList({ runs }: { runs: HookRunRecord[] }) {
  if (runs.length === 0) return <p className="muted">No hook ran for this delivery. Add hooks under <a href="#/hooks">Hooks</a>.</p>;
  return (
    <ul className="hook-runs">
      {runs.map((run, i) => (
        <li key={i}>
          <details>
            <summary>
              <b>{run.hook}</b> ({run.stage}) — <span className={run.exitCode === 0 ? 'ok' : 'danger'}>{verdict(run)}</span>
              <span className="muted"> · <TimeAgo iso={run.startedAt} /> · {run.durationMs} ms</span>
            </summary>
            <h4>stdout</h4><pre className="output">{run.stdout || '(empty)'}</pre>
            <h4>stderr</h4><pre className="output">{run.stderr || '(empty)'}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
