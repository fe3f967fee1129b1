/** Test-run of a saved hook against a stored delivery, its output streaming in from `hookOutput` events. */
import { useRef, useState } from 'react';
import type { HookTestRun } from '../../../shared/bridge/index.ts';
import { call } from '../bridge/bridge.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { href } from '../lib/hash-route.ts';
import { HookRunList } from './hook-run-list.tsx';
import { ErrorBox } from './status-box.tsx';

export function HookTestRunPanel({ hookNames, dirty }: { hookNames: string[]; dirty: boolean }) {
  const recent = useCall('deliveries.list', { limit: 20 });
  const [name, setName] = useState('');
  const [deliveryId, setDeliveryId] = useState('');
  const [output, setOutput] = useState<{ stream: string; text: string }[]>([]);
  const [run, setRun] = useState<HookTestRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const runId = useRef<string | null>(null);
  useBridgeEvents((e) => {
    if (e.event === 'hookOutput' && e.data.runId === runId.current) setOutput((o) => [...o, { stream: e.data.stream, text: e.data.text }]);
    if (e.event === 'delivery') recent.reload();
  });
  const hook = name || hookNames[0] || '';
  const start = async () => {
    const id = crypto.randomUUID();
    runId.current = id;
    setOutput([]); setRun(null); setError(null); setRunning(true);
    try {
      setRun(await call('hooks.test', { name: hook, deliveryId: deliveryId.trim(), runId: id }));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <section className="card" aria-labelledby="test-run-title" data-testid="hook-test-run">
      <h2 id="test-run-title">Test-run</h2>
      <p className="muted">Runs a saved, enabled hook now against a stored delivery, as <code>certbell hooks test</code>; the run is not stored.
        {dirty && <b> Save first: the test uses the hooks in force.</b>}</p>
      <div className="filters">
        <label>Hook
          <select aria-label="Hook to run" value={hook} onChange={(e) => setName(e.target.value)}>
            {hookNames.length === 0 && <option value="">(no enabled hook saved)</option>}
            {hookNames.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>Recent delivery
          <select aria-label="Recent delivery" value={deliveryId} onChange={(e) => setDeliveryId(e.target.value)}>
            <option value="">(choose)</option>
            {(recent.data ?? []).map((d) => <option key={d.id} value={String(d.id)}>#{d.id} {d.event ?? '?'} {d.commonName ?? d.deliveryId}</option>)}
          </select>
        </label>
        <label>Delivery (record or delivery id)
          <input value={deliveryId} onChange={(e) => setDeliveryId(e.target.value)} placeholder="12 or the delivery id" />
        </label>
      </div>
      <button type="button" disabled={!hook || !deliveryId.trim() || running} onClick={() => void start()}>{running ? 'Running…' : 'Run test'}</button>
      {recent.data?.length === 0 && <p className="muted">No stored delivery yet: send one first, with Send a test delivery
        in <a href={href('deliveries')}>Deliveries</a> or <code>certbell send</code>.</p>}
      {error && <ErrorBox error={error} />}
      {(running || output.length > 0) && (
        <pre className="output" data-testid="test-output" aria-live="polite">
          {output.map((chunk, i) => <span key={i} className={chunk.stream === 'stderr' ? 'danger' : undefined}>{chunk.text}</span>)}
        </pre>
      )}
      {run && <div data-testid="test-run-record"><h3>Run record</h3><HookRunList runs={[run]} /></div>}
    </section>
  );
}
