/**
 * The first run (the dashboard): while there is no secret, no delivery or no tunnel yet, the steps
 * in order, each ticked off as it becomes true (deliveries and the tunnel are pushed; settings
 * have no event, so they are read again every few seconds while a step is open). Once shown it
 * stays for the visit, so the last tick is seen; it is not shown again once every step is done.
 */
import { useEffect, useState } from 'react';
import type { BridgeEvent, ReachabilityResult, TunnelState } from '../../../shared/bridge/index.ts';
import { isCheckDelivery } from '../../../shared/bridge/types.ts';
import { call } from '../bridge/bridge.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { firstRunSteps, type FirstRunStep } from '../lib/first-run.ts';
import { href } from '../lib/hash-route.ts';
import { CopyButton } from './copy-button.tsx';
import './charts.css';

const SETTINGS_POLL_MS = 3000;

function TestButton() {
  const [result, setResult] = useState<ReachabilityResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true); setError(null);
    try { setResult(await call('deliveries.sendTest')); } catch (failure) { setError((failure as Error).message); } finally { setSending(false); }
  };
  return (
    <>
      <button type="button" className="primary" disabled={sending} onClick={() => void send()}>{sending ? 'Sending…' : 'Send a test delivery'}</button>
      {result && <p role="status" data-testid="test-delivery-result" className={result.ok ? 'check-ok' : 'warning'}>{result.ok ? '✔' : '✘'} {result.message}</p>}
      {error && <p role="alert" className="warning">{error}</p>}
    </>
  );
}

function StepBody({ step, webhookUrl, publicUrl }: { step: FirstRunStep; webhookUrl: string; publicUrl: string | null }) {
  switch (step.id) {
    case 'secret':
      return <>Enter the secret from SSL Panel's webhook settings in <a href={href('settings', 'secrets')}>Settings → Secrets</a>, so deliveries can be verified.</>;
    case 'url':
      return (<>
        <p className="url-row"><code data-testid="get-started-url">{publicUrl ?? webhookUrl}</code> <CopyButton text={publicUrl ?? webhookUrl} ariaLabel="Copy the webhook URL" /></p>
        {!publicUrl && <p className="muted">This is the local address; the provider needs a public one (step 4) unless this machine is reachable from the internet.</p>}
      </>);
    case 'test':
      return <TestButton />;
    case 'tunnel':
      return <>Set a tunnel command (or a fixed public URL) in <a href={href('settings', 'tunnel')}>Settings → Tunnel</a> and start it, so SSL Panel can reach this listener.</>;
  }
}

export function GetStartedCard() {
  const status = useCall('status');
  const settings = useCall('settings.get');
  const recent = useCall('deliveries.list', { limit: 20 });
  const tunnelCall = useCall('tunnel.state');
  const [tunnel, setTunnel] = useState<TunnelState | null>(null);
  useEffect(() => { if (tunnelCall.data) setTunnel(tunnelCall.data); }, [tunnelCall.data]);
  useBridgeEvents((e: BridgeEvent) => {
    if (e.event === 'delivery') { status.reload(); recent.reload(); }
    if (e.event === 'tunnel') setTunnel(e.data);
  });
  const loaded = status.data && settings.data && recent.data && (tunnel || tunnelCall.error);
  const steps = loaded ? firstRunSteps({
    secrets: settings.data!.secrets.length, accepted: status.data!.counts.accepted,
    fromProvider: recent.data!.some((d) => !isCheckDelivery(d.deliveryId)), publicUrl: tunnel?.webhookUrl ?? null,
  }) : null;
  const allDone = steps?.every((s) => s.done) ?? false;
  const [shown, setShown] = useState<boolean | null>(null);
  useEffect(() => { if (steps && shown === null) setShown(!allDone); }, [steps, shown, allDone]);
  const { reload: reloadSettings } = settings;
  useEffect(() => {
    if (!shown || allDone) return;
    const poll = setInterval(reloadSettings, SETTINGS_POLL_MS);
    return () => clearInterval(poll);
  }, [shown, allDone, reloadSettings]);
  if (!shown || !steps || !status.data) return null;

  return (
    <section className="card get-started" aria-labelledby="get-started-title" data-testid="get-started">
      <h2 id="get-started-title">Get started</h2>
      {allDone && <p className="check-ok" role="status">All set: Certbell is ready for SSL Panel's deliveries.</p>}
      <ol>
        {steps.map((step, i) => (
          <li key={step.id} className={step.done ? 'done' : ''} data-testid={`step-${step.id}`} data-done={step.done}>
            <span className="step-mark" aria-hidden="true">{step.done ? '✔' : `${i + 1}.`}</span>
            <span className="step-title">{step.title}<span className="visually-hidden">{step.done ? ' (done)' : ' (to do)'}</span></span>
            {(!step.done || step.id === 'test') && <div className="step-body"><StepBody step={step} webhookUrl={status.data!.webhookUrl} publicUrl={tunnel?.webhookUrl ?? null} /></div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
