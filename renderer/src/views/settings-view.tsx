/**
 * Settings: listener, secrets (write-only), signatures, notifications, tunnel, deployment, provider, retention, desktop. Validated as you
 * type with the shared schema; Save goes through `settings.save`, whose errors show next to their
 * fields. Secret values only travel towards the host: kept ones are sent as `{label, keep: true}`, a kept provider
 * password as `{keep: true}`.
 */
import { useEffect, useState } from 'react';
import type { MaskedConfig } from '../../../shared/bridge/index.ts';
import type { NotificationKind } from '../../../shared/notify/types.ts';
import { validateConfig, type ConfigError } from '../../../shared/config/index.ts';
import { call } from '../bridge/bridge.ts';
import { useCall } from '../bridge/use-bridge.ts';
import { DeploymentSettings } from '../components/deployment-settings.tsx';
import { DesktopSettings, SecretStorageWarning } from '../components/desktop-settings.tsx';
import { FieldError } from '../components/field-error.tsx';
import { ProviderSettings } from '../components/provider-settings.tsx';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { SecretsEditor, forValidation, fromMasked, toEdited, type SecretDraft } from '../components/secrets-editor.tsx';
import { TunnelSettings } from '../components/tunnel-settings.tsx';
import { errorsAt, errorsUnder } from '../lib/config-errors.ts';
import { duplicateNameCount, rowsFromTargets, targetsFromRows, type TargetRow } from '../lib/deployment-targets.ts';
import { notShownText } from '../lib/format.ts';
import { providerDraftFrom, providerForValidation, providerInput, type ProviderDraft } from '../lib/provider-draft.ts';
import { href } from '../lib/hash-route.ts';

type Draft = Omit<MaskedConfig, 'secrets' | 'provider'>;
// SPEC §7: what raises each kind, so the switches say what they silence.
// Typed by the kinds themselves, so a new kind cannot be left without its switch.
const KINDS: Readonly<Record<NotificationKind, string>> = {
  issued: 'a certificate was issued', failed: 'pre-validation, reissue or renewal failed',
  expiring: 'expiry thresholds and expired', action: 'a message from the CA waits for you', test: 'test pings, unknown events',
  hook: 'a hook failed', security: 'deliveries rejected for their signature',
  deployment: 'a host does not serve the issued certificate, or serves one that expires', info: 'created, requested, pre-validation passed',
};

function validate(draft: Draft, secrets: SecretDraft[], provider: ProviderDraft): ConfigError[] {
  const result = validateConfig({ ...draft, secrets: forValidation(secrets), provider: providerForValidation(provider) });
  return result.ok ? [] : result.errors;
}

function num(text: string): number { return text.trim() === '' ? Number.NaN : Number(text); }
function shown(n: number): string { return Number.isNaN(n) ? '' : String(n); }

/** `section`: the part to open on (`#/settings/deployment`, linked from a certificate's page). */
export function SettingsView({ section = null }: { section?: string | null }) {
  const settings = useCall('settings.get');
  const deploymentStatus = useCall('deployment.status').data;
  const status = useCall('status').data;
  const running = status?.listener;
  const noNotifier = status?.notifier === 'none';
  const [draft, setDraft] = useState<Draft | null>(null);
  const [secrets, setSecrets] = useState<SecretDraft[]>([]);
  const [provider, setProvider] = useState<ProviderDraft>(() => providerDraftFrom(null));
  const [dirty, setDirty] = useState(false);
  const [saveErrors, setSaveErrors] = useState<ConfigError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [thresholds, setThresholds] = useState('');
  const [testResult, setTestResult] = useState<string | null>(null);
  const [targetRows, setTargetRows] = useState<TargetRow[]>([]);

  useEffect(() => {
    if (!settings.data || dirty) return;
    const { secrets: masked, provider: maskedProvider, ...rest } = settings.data;
    setDraft(rest);
    setSecrets(fromMasked(masked));
    setProvider(providerDraftFrom(maskedProvider));
    setThresholds(rest.notifications.expiryThresholdsDays.join(', '));
    setTargetRows(rowsFromTargets(rest.deployment.targets));
  }, [settings.data, dirty]);

  const loaded = draft !== null;
  useEffect(() => {
    if (!loaded || !section) return;
    const target = document.getElementById(`s-${section}`);
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [loaded, section]);

  if (settings.error) return <div><h1>Settings</h1><ErrorBox error={settings.error} onRetry={settings.reload} /></div>;
  if (!draft) return <div><h1>Settings</h1><Loading what="settings" /></div>;

  const errors = [...validate(draft, secrets, provider), ...saveErrors];
  // A name listed twice is one key of the map: only the form sees it, so it counts here.
  const problemCount = errors.length + duplicateNameCount(targetRows);
  const at = (path: string) => errorsAt(errors, path);
  const update = (next: Draft) => { setDraft(next); setDirty(true); setSaveErrors([]); setMessage(null); };
  const updateSecrets = (next: SecretDraft[]) => { setSecrets(next); setDirty(true); setSaveErrors([]); setMessage(null); };
  const updateProvider = (p: Partial<ProviderDraft>) => { setProvider({ ...provider, ...p }); setDirty(true); setSaveErrors([]); setMessage(null); };
  const listener = (p: Partial<Draft['listener']>) => update({ ...draft, listener: { ...draft.listener, ...p } });
  const notifications = (p: Partial<Draft['notifications']>) => update({ ...draft, notifications: { ...draft.notifications, ...p } });
  const retention = (p: Partial<Draft['retention']>) => update({ ...draft, retention: { ...draft.retention, ...p } });
  const deployment = (p: Partial<Draft['deployment']>) => update({ ...draft, deployment: { ...draft.deployment, ...p } });
  const updateTargets = (rows: TargetRow[]) => { setTargetRows(rows); deployment({ targets: targetsFromRows(rows) }); };
  const wildcards = [...new Set((deploymentStatus?.wildcardsWithoutTarget ?? []).map((w) => w.name))];

  const save = async () => {
    try {
      const result = await call('settings.save', { config: { ...draft, secrets: toEdited(secrets), provider: providerInput(provider) } });
      if (result.saved) {
        setDirty(false); setMessage(result.applied ? 'Saved and applied.' : 'Saved; applied on the next reload.');
        settings.reload();
      } else setSaveErrors(result.errors);
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  const sendTest = async () => {
    try {
      const n = await call('notifications.test');
      setTestResult(n.reason === 'no-notifier' || (n.shown && noNotifier)
        ? 'Recorded in the history, but nothing popped up: this run has no desktop notifier.'
        : !n.shown ? `Recorded but ${notShownText(n.reason)}` : `Sent: "${n.title}"`);
    } catch (failure) { setTestResult((failure as Error).message); }
  };
  const quiet = draft.notifications.quietHours;

  return (
    <div className="settings-form">
      <h1>Settings</h1>
      <div className="editor-bar">
        <button type="button" className="primary" disabled={problemCount > 0 || !dirty} onClick={() => void save()}>Save</button>
        <button type="button" disabled={!dirty} onClick={() => { setDirty(false); setSaveErrors([]); settings.reload(); }}>Discard changes</button>
        <span role="status" className="muted">{problemCount ? `${problemCount} problem(s) to fix before saving` : dirty ? 'Unsaved changes' : message ?? 'Saved'}</span>
      </div>
      <FieldError messages={errorsAt(errors, '$')} />

      <section className="card" aria-labelledby="s-listener">
        <h2 id="s-listener">Listener</h2>
        {running && (running.host !== draft.listener.host || running.port !== draft.listener.port || running.path !== draft.listener.path) && (
          <p className="hint" data-testid="listener-running">This run listens on <code>{running.host}:{running.port}{running.path}</code> (command-line
            options such as <code>--port</code> override the saved values until the next start).</p>
        )}
        <div className="field"><label htmlFor="s-host">Host</label>
          <input id="s-host" value={draft.listener.host} onChange={(e) => listener({ host: e.target.value })} /><FieldError messages={at('listener.host')} /></div>
        <div className="field"><label htmlFor="s-port">Port</label>
          <input id="s-port" inputMode="numeric" value={shown(draft.listener.port)} onChange={(e) => listener({ port: num(e.target.value) })} /><FieldError messages={at('listener.port')} /></div>
        <div className="field"><label htmlFor="s-path">Path</label>
          <input id="s-path" value={draft.listener.path} onChange={(e) => listener({ path: e.target.value })} /><FieldError messages={at('listener.path')} /></div>
        <div className="field"><label htmlFor="s-max">Max body bytes</label>
          <input id="s-max" inputMode="numeric" value={shown(draft.listener.maxBodyBytes)} onChange={(e) => listener({ maxBodyBytes: num(e.target.value) })} /><FieldError messages={at('listener.maxBodyBytes')} /></div>
      </section>

      <section className="card" aria-labelledby="s-secrets">
        <h2 id="s-secrets">Secrets</h2>
        <SecretStorageWarning storage={status?.secretStorage} />
        <p className="muted">Write-only: values are never shown or sent back. Rotate by adding the new secret, then remove the old one once Openprovider uses it.</p>
        <SecretsEditor secrets={secrets} errors={errors} onChange={updateSecrets} />
      </section>

      <section className="card" aria-labelledby="s-sig">
        <h2 id="s-sig">Signatures</h2>
        <label className="check"><input type="checkbox" checked={draft.allowUnsigned} onChange={(e) => update({ ...draft, allowUnsigned: e.target.checked })} /> Allow unsigned deliveries</label>
        {draft.allowUnsigned && <p className="warning" role="alert">Warning: anyone who can reach the listener can then make Certbell notify and run hooks. Use only for local testing.</p>}
        <div className="field"><label htmlFor="s-input">Signature input</label>
          <select id="s-input" value={draft.signatureInput} onChange={(e) => update({ ...draft, signatureInput: e.target.value as Draft['signatureInput'] })}>
            <option value="auto">auto (try the body, then the data object)</option><option value="body">body (the raw body)</option><option value="data">data (the data object)</option>
          </select></div>
      </section>

      <section className="card" aria-labelledby="s-notify">
        <h2 id="s-notify">Notifications</h2>
        {noNotifier && <p className="hint" data-testid="no-notifier">This run has no desktop notifier (certbell serve without a D-Bus
          session bus, or not on Linux): notifications are only recorded in the <a href={href('notifications')}>history</a>. The desktop app shows them.</p>}
        <label className="check"><input type="checkbox" checked={draft.notifications.enabled} onChange={(e) => notifications({ enabled: e.target.checked })} /> Show notifications</label>
        <fieldset className="field"><legend>Kinds</legend>
          <div className="event-grid">
            {(Object.keys(KINDS) as NotificationKind[]).map((k) => <label key={k} className="check"><input type="checkbox" checked={draft.notifications.kinds[k]}
              onChange={(e) => notifications({ kinds: { ...draft.notifications.kinds, [k]: e.target.checked } })} /> {k} <span className="hint">{KINDS[k]}</span></label>)}
          </div></fieldset>
        <div className="field"><label htmlFor="s-thr">Expiry thresholds (days, comma-separated)</label>
          <input id="s-thr" value={thresholds} onChange={(e) => {
            setThresholds(e.target.value);
            notifications({ expiryThresholdsDays: e.target.value.split(',').filter((t) => t.trim()).map((t) => num(t)) });
          }} /><FieldError messages={errorsUnder(errors, 'notifications.expiryThresholdsDays').map((e) => e.message)} /></div>
        <label className="check"><input type="checkbox" checked={quiet !== null} onChange={(e) => notifications({ quietHours: e.target.checked ? { from: '22:00', to: '07:00' } : null })} /> Quiet hours</label>
        {quiet && <div className="inline-fields">
          <label>From <input value={quiet.from} placeholder="HH:MM" onChange={(e) => notifications({ quietHours: { ...quiet, from: e.target.value } })} /></label>
          <label>To <input value={quiet.to} placeholder="HH:MM" onChange={(e) => notifications({ quietHours: { ...quiet, to: e.target.value } })} /></label>
        </div>}
        <FieldError messages={errorsUnder(errors, 'notifications.quietHours').map((e) => `${e.path.replace('notifications.quietHours.', '')}: ${e.message}`)} />
        <p><button type="button" onClick={() => void sendTest()}>Send test notification</button> <span role="status">{testResult}</span></p>
      </section>

      <TunnelSettings tunnel={draft.tunnel} errors={errors} onChange={(tunnel) => update({ ...draft, tunnel })} />
      <DeploymentSettings deployment={draft.deployment} rows={targetRows} errors={errors} wildcards={wildcards}
        onChange={deployment} onRowsChange={updateTargets} />
      <ProviderSettings draft={provider} errors={errors} onChange={updateProvider} />

      <section className="card" aria-labelledby="s-ret">
        <h2 id="s-ret">Retention</h2>
        <div className="field"><label htmlFor="s-rmax">Keep at most (deliveries)</label>
          <input id="s-rmax" inputMode="numeric" value={shown(draft.retention.maxDeliveries)} onChange={(e) => retention({ maxDeliveries: num(e.target.value) })} /><FieldError messages={at('retention.maxDeliveries')} /></div>
        <div className="field"><label htmlFor="s-rdays">Keep for (days)</label>
          <input id="s-rdays" inputMode="numeric" value={shown(draft.retention.maxDays)} onChange={(e) => retention({ maxDays: num(e.target.value) })} /><FieldError messages={at('retention.maxDays')} /></div>
      </section>
      <DesktopSettings autostart={draft.desktop.autostart} onChange={(autostart) => update({ ...draft, desktop: { ...draft.desktop, autostart } })} />
      {saveErrors.length > 0 && <ErrorBox error={saveErrors.map((e) => `${e.path}: ${e.message}`).join('\n')} />}
    </div>
  );
}
