/**
 * The dashboard's tunnel card (SPEC §8): state, the public webhook URL to copy into Openprovider,
 * the tunnel's last output lines, start/stop/check, and the hint when deliveries are refused for
 * their signature right after the tunnel came up.
 */
import { useEffect, useState } from 'react';
import type { BridgeEvent, TunnelState } from '../../../shared/bridge/index.ts';
import { call } from '../bridge/bridge.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { shellWords } from '../lib/format.ts';
import { href } from '../lib/hash-route.ts';
import { PHASE_TEXT, signatureRejectsSince } from '../lib/tunnel-hint.ts';
import { CopyButton } from './copy-button.tsx';
import { ErrorBox, Loading } from './status-box.tsx';
import { TimeAgo } from './time-ago.tsx';

const OUTPUT_LINES = 40;

function CheckResult({ state }: { state: TunnelState }) {
  if (state.checking) return <p role="status" data-testid="tunnel-check">Checking reachability…</p>;
  const check = state.lastCheck;
  // A check of a URL the tunnel no longer has (stopped, failed, restarted elsewhere) says nothing now.
  if (!check || !state.webhookUrl || !check.url.startsWith(state.webhookUrl)) return null;
  return (
    <p role="status" data-testid="tunnel-check" className={check.ok ? 'check-ok' : 'warning'}>
      {check.ok ? '✔' : '✘'} {check.message}
      {check.status !== null && <span className="muted"> (HTTP {check.status}, <TimeAgo iso={check.checkedAt} />)</span>}
    </p>
  );
}

export function TunnelCard() {
  const initial = useCall('tunnel.state');
  const rejected = useCall('deliveries.list', { outcome: 'rejected', limit: 50 });
  const [state, setState] = useState<TunnelState | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => { if (initial.data) setState(initial.data); }, [initial.data]);
  useBridgeEvents((e: BridgeEvent) => {
    if (e.event === 'tunnel') setState(e.data);
    if (e.event === 'tunnelOutput') setState((s) => (s ? { ...s, output: [...s.output, e.data.line].slice(-OUTPUT_LINES) } : s));
    if (e.event === 'delivery' && e.data.outcome === 'rejected') rejected.reload();
  });
  const act = async (method: 'tunnel.start' | 'tunnel.stop' | 'tunnel.check') => {
    setActionError(null);
    try {
      const result = await call(method);
      if (method !== 'tunnel.check') setState(result as TunnelState);
    } catch (failure) { setActionError((failure as Error).message); }
  };

  if (initial.error) return <section className="card"><h2>Tunnel</h2><ErrorBox error={initial.error} onRetry={initial.reload} /></section>;
  if (!state) return <section className="card"><h2>Tunnel</h2><Loading what="the tunnel" /></section>;
  const running = state.phase === 'starting' || state.phase === 'up' || state.phase === 'restarting';
  const rejects = state.phase === 'up' ? signatureRejectsSince(rejected.data ?? [], state.upSince) : 0;
  return (
    <section className="card" aria-labelledby="tunnel-title" data-testid="tunnel-card">
      <h2 id="tunnel-title">Tunnel <span className={`badge tunnel-${state.phase}`} data-testid="tunnel-phase">
        {/* "Stopped" would suggest a tunnel to start; without a command there is none. */}
        {state.phase === 'stopped' && !state.command ? (state.webhookUrl ? 'Fixed URL' : 'Not configured') : PHASE_TEXT[state.phase]}</span></h2>
      {state.webhookUrl ? (
        <p className="url-row">Public webhook URL: <code data-testid="public-webhook-url">{state.webhookUrl}</code>{' '}
          <CopyButton text={state.webhookUrl} label="Copy public URL" /></p>
      ) : state.command ? (
        <p className="muted" data-testid="public-url-hint">No public URL yet{running ? ': waiting for the tunnel to print it.' : ': start the tunnel.'}</p>
      ) : (
        <p className="muted" data-testid="public-url-hint">No tunnel configured: set <code>tunnel.command</code> (or a fixed <code>tunnel.publicUrl</code>) in <a href={href('settings')}>Settings</a> so the provider can reach this listener.</p>
      )}
      {state.command && <p className="muted">Command: <code>{shellWords(state.command)}</code>{state.pid ? ` (pid ${state.pid})` : ''}
        {state.upSince && state.phase === 'up' ? <>, up since <TimeAgo iso={state.upSince} /></> : ''}</p>}
      {state.error && <p className="warning" role="alert" data-testid="tunnel-error">{state.error}
        {state.phase === 'restarting' && state.nextRestartAt ? <> — next start <TimeAgo iso={state.nextRestartAt} /></> : ''}</p>}
      {rejects > 0 && (
        <p className="warning" role="alert" data-testid="tunnel-signature-hint">
          {rejects} {rejects === 1 ? 'delivery was refused for its' : 'deliveries were refused for their'} signature since the tunnel came up.
          The provider reaches Certbell, but most likely signs with another secret: copy the secret from Openprovider's webhook
          settings into <a href={href('settings')}>Settings → Secrets</a> (see <a href={href('deliveries')}>the rejected deliveries</a> for what was tried).
        </p>
      )}
      <div className="editor-bar">
        {state.command && !running && <button type="button" className="primary" onClick={() => void act('tunnel.start')}>Start tunnel</button>}
        {running && <button type="button" onClick={() => void act('tunnel.stop')}>Stop tunnel</button>}
        <button type="button" disabled={!state.webhookUrl || state.checking} onClick={() => void act('tunnel.check')}>Check reachability</button>
      </div>
      {actionError && <ErrorBox error={actionError} />}
      <CheckResult state={state} />
      {state.output.length > 0 && (
        <details open={state.phase === 'failed'}>
          <summary>Last output ({state.output.length} lines)</summary>
          <pre className="tunnel-output" data-testid="tunnel-output">{state.output.join('\n')}</pre>
        </details>
      )}
    </section>
  );
}
