/**
 * The dashboard's provider sync card (SPEC §13): whose orders, the last sync and its outcome (or
 * why it failed), the next run, Sync now, and what a sync run on demand changed. Kept live by
 * the `sync` event, pushed when a run starts and when it ends.
 */
import { useEffect, useState } from 'react';
import type { BridgeEvent, SyncResult, SyncStatus } from '../../../shared/bridge/index.ts';
import { call } from '../bridge/bridge.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { href } from '../lib/hash-route.ts';
import { TRIGGER_TEXT, runSummary, transitionText } from '../lib/provider-sync.ts';
import { ErrorBox, Loading } from './status-box.tsx';
import { TimeAgo } from './time-ago.tsx';

/** A first sync on demand can list every order; the rest is in each certificate's timeline. */
const SHOWN_CHANGES = 20;

function Changes({ run }: { run: SyncResult }) {
  if (!run.ok) return null;
  if (run.changes.length === 0) return <p className="muted" data-testid="sync-changes">No changes: the inventory already matched the API.</p>;
  const more = run.changes.length - SHOWN_CHANGES;
  return (
    <>
      <h3>Changes of this sync</h3>
      <ul className="recent" data-testid="sync-changes">
        {run.changes.slice(0, SHOWN_CHANGES).map((c) => (
          <li key={`${c.certificateId}\n${c.at}`} data-testid="sync-change">
            <a href={href('certificates', c.certificateId)}>{c.commonName ?? c.orderId}</a>: {transitionText(c)}
            {c.notification !== null && <> <span className="badge" title={c.notification}>notified</span></>}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">and {more} more (see the <a href={href('certificates')}>certificates</a>).</p>}
    </>
  );
}

function LastRun({ state }: { state: SyncStatus }) {
  const run = state.lastRun;
  if (!run) return <p className="muted" data-testid="sync-last">No sync yet{state.running ? '' : ': the first one runs shortly'}.</p>;
  return (
    <>
      <p data-testid="sync-last" className={run.ok ? undefined : 'warning'} role={run.ok ? undefined : 'alert'}>
        Last sync <TimeAgo iso={run.at} /> <span className="muted">({TRIGGER_TEXT[run.trigger]})</span>: {runSummary(run)}
        {!run.ok && state.failures > 1 && ` (${state.failures} failures in a row)`}</p>
      {!run.ok && state.lastSuccessAt && <p className="muted">Last successful sync <TimeAgo iso={state.lastSuccessAt} />.</p>}
    </>
  );
}

export function SyncCard() {
  const initial = useCall('sync.status');
  const [state, setState] = useState<SyncStatus | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => { if (initial.data) setState(initial.data); }, [initial.data]);
  useBridgeEvents((e: BridgeEvent) => { if (e.event === 'sync') setState(e.data); });
  const syncNow = async () => {
    setActionError(null); setRequesting(true);
    try {
      const run = await call('sync.run');
      // The `sync` event says the same; this covers a stream that dropped it.
      setState((s) => (s && (!s.lastRun || s.lastRun.at <= run.at) ? { ...s, running: false, lastRun: run } : s));
    } catch (failure) { setActionError((failure as Error).message); }
    setRequesting(false);
  };

  const title = <h2 id="sync-title">Provider sync</h2>;
  if (initial.error) return <section className="card" aria-labelledby="sync-title">{title}<ErrorBox error={initial.error} onRetry={initial.reload} /></section>;
  if (!state) return <section className="card" aria-labelledby="sync-title">{title}<Loading what="the provider sync" /></section>;
  if (!state.configured) {
    return (
      <section className="card" aria-labelledby="sync-title" data-testid="sync-card">{title}
        <p className="muted" data-testid="sync-not-configured">Not configured: with Openprovider API credentials Certbell reads your SSL orders at
          start and on a schedule, so events missed while it was not running still reach the inventory. Set it up
          in <a href={href('settings', 'provider')}>Settings → Provider</a>.</p>
      </section>
    );
  }
  const running = state.running || requesting;
  const run = state.lastRun;
  return (
    <section className="card" aria-labelledby="sync-title" data-testid="sync-card">{title}
      <p className="muted">{state.provider === 'openprovider' ? 'Openprovider' : state.provider} API as <code data-testid="sync-username">{state.username}</code>
        {state.intervalMinutes !== null && `, every ${state.intervalMinutes} minutes`}.</p>
      <LastRun state={state} />
      {state.nextRunAt && !running && <p className="muted" data-testid="sync-next">Next sync <TimeAgo iso={state.nextRunAt} />.</p>}
      <div className="editor-bar">
        <button type="button" disabled={running} onClick={() => void syncNow()}>{running ? 'Syncing…' : 'Sync now'}</button>
        {state.lastError && state.lastError.kind === 'bad-credentials' && <span className="muted">Check the username and password
          in <a href={href('settings', 'provider')}>Settings → Provider</a>.</span>}
      </div>
      {actionError && <ErrorBox error={actionError} />}
      {run && run.trigger === 'demand' && !state.running && <Changes run={run} />}
    </section>
  );
}
