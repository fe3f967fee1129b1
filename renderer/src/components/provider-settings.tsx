/**
 * The provider part of Settings (SPEC §13 `provider`): the switch, the API address, the API user,
 * where the password comes from (kept as stored, a new value, or an environment variable), how
 * often to sync, and "Test connection" with the block as edited, before it is saved.
 */
import { useState } from 'react';
import type { ConfigError } from '../../../shared/config/index.ts';
import { call } from '../bridge/bridge.ts';
import { errorsAt, errorsUnder } from '../lib/config-errors.ts';
import { DEFAULT_PASSWORD_ENV, providerInput, type PasswordSource, type ProviderDraft } from '../lib/provider-draft.ts';
import { FieldError } from './field-error.tsx';

interface Props {
  draft: ProviderDraft;
  errors: ConfigError[];
  onChange(next: Partial<ProviderDraft>): void;
}

function num(text: string): number { return text.trim() === '' ? Number.NaN : Number(text); }
function shown(n: number): string { return Number.isNaN(n) ? '' : String(n); }

const STORED_TEXT = { value: 'stored in config.json', encrypted: 'encrypted in config.json', env: 'from an environment variable' } as const;

function PasswordField({ draft, errors, onChange }: Props) {
  const problems = errorsUnder(errors, 'provider.password').map((e) => e.message);
  const pick = (source: PasswordSource) => onChange({ source, value: '', env: source === 'env' && !draft.env ? DEFAULT_PASSWORD_ENV : draft.env });
  return (
    <fieldset className="field"><legend>Password</legend>
      {draft.stored && <div><label className="check"><input type="radio" name="s-prov-pw" checked={draft.source === 'keep'} onChange={() => pick('keep')} /> Keep
        the saved password</label> <code role="img" aria-label="value hidden">••••••••</code> <span className="badge" data-testid="provider-password-source">
        {STORED_TEXT[draft.stored]}</span></div>}
      <label className="check"><input type="radio" name="s-prov-pw" checked={draft.source === 'env'} onChange={() => pick('env')} /> From an
        environment variable</label>
      <label className="check"><input type="radio" name="s-prov-pw" checked={draft.source === 'value'} onChange={() => pick('value')} /> A new
        password typed here</label>
      {draft.source === 'env' && <div className="field"><label htmlFor="s-prov-env">Variable name</label>
        <input id="s-prov-env" value={draft.env} placeholder={DEFAULT_PASSWORD_ENV} spellCheck={false} aria-invalid={problems.length > 0}
          onChange={(e) => onChange({ env: e.target.value })} />
        <p className="hint">Set it in the environment Certbell runs in; it is read at start and on every config reload.</p></div>}
      {draft.source === 'value' && <div className="field"><label htmlFor="s-prov-value">New password</label>
        <input id="s-prov-value" type="password" autoComplete="new-password" value={draft.value} aria-invalid={problems.length > 0}
          onChange={(e) => onChange({ value: e.target.value })} />
        <p className="hint">Write-only: saved encrypted by the desktop app, or in config.json (mode 0600) by certbell serve; never shown again.</p></div>}
      <FieldError messages={problems} />
    </fieldset>
  );
}

function TestConnection({ draft, disabled }: { draft: ProviderDraft; disabled: boolean }) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const test = async () => {
    const provider = providerInput(draft);
    if (!provider) return;
    setTesting(true); setResult(null);
    try {
      const r = await call('sync.test', { provider });
      setResult({ ok: r.ok, text: r.ok ? `Connected: ${r.orders ?? 0} orders` : r.message });
    } catch (failure) { setResult({ ok: false, text: (failure as Error).message }); }
    setTesting(false);
  };
  return (
    <p><button type="button" disabled={disabled || testing} onClick={() => void test()}>{testing ? 'Testing…' : 'Test connection'}</button>{' '}
      <span role="status" data-testid="provider-test-result" className={result ? (result.ok ? 'check-ok' : 'warning') : undefined}>
        {result && `${result.ok ? '✔' : '✘'} ${result.text}`}</span></p>
  );
}

export function ProviderSettings({ draft, errors, onChange }: Props) {
  const at = (field: string) => errorsAt(errors, `provider.${field}`);
  const invalid = errorsUnder(errors, 'provider').length > 0;
  return (
    <section className="card" id="s-provider" aria-labelledby="s-provider-h" tabIndex={-1}>
      <h2 id="s-provider-h">Provider</h2>
      <p className="muted">With API credentials Certbell asks Openprovider for your SSL orders at start, on a schedule and on demand,
        so an event missed while this computer was off (the provider retries a webhook for 3 days only) still reaches the inventory.</p>
      <label className="check"><input type="checkbox" checked={draft.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} /> Sync
        with the Openprovider API</label>
      {draft.enabled && <>
        <div className="field"><label htmlFor="s-prov-url">API URL</label>
          <input id="s-prov-url" value={draft.apiUrl} spellCheck={false} aria-invalid={at('apiUrl').length > 0}
            onChange={(e) => onChange({ apiUrl: e.target.value })} /><FieldError messages={at('apiUrl')} /></div>
        <div className="field"><label htmlFor="s-prov-user">Username</label>
          <input id="s-prov-user" value={draft.username} autoComplete="off" spellCheck={false} aria-invalid={at('username').length > 0}
            onChange={(e) => onChange({ username: e.target.value })} /><FieldError messages={at('username')} /></div>
        <PasswordField draft={draft} errors={errors} onChange={onChange} />
        <div className="inline-fields">
          <div className="field"><label htmlFor="s-prov-interval">Sync every (minutes)</label>
            <input id="s-prov-interval" inputMode="numeric" value={shown(draft.intervalMinutes)} aria-invalid={at('intervalMinutes').length > 0}
              onChange={(e) => onChange({ intervalMinutes: num(e.target.value) })} /><FieldError messages={at('intervalMinutes')} /></div>
          <div className="field"><label htmlFor="s-prov-timeout">Time limit per API call (ms)</label>
            <input id="s-prov-timeout" inputMode="numeric" value={shown(draft.timeoutMs)} aria-invalid={at('timeoutMs').length > 0}
              onChange={(e) => onChange({ timeoutMs: num(e.target.value) })} /><FieldError messages={at('timeoutMs')} /></div>
        </div>
        <FieldError messages={[...at('kind'), ...errorsAt(errors, 'provider')]} />
        <TestConnection draft={draft} disabled={invalid} />
      </>}
    </section>
  );
}
