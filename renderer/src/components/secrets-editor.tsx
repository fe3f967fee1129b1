/**
 * The secrets of settings: write-only. Stored secrets show only their label and source; a new or
 * rotated secret is either a value typed here or the name of an environment variable that holds
 * it on the host (`{"label","env"}` in config.json), so the value never has to pass through a UI.
 */
import { useState } from 'react';
import type { EditedSecret, MaskedSecret } from '../../../shared/bridge/index.ts';
import type { ConfigError } from '../../../shared/config/index.ts';
import { errorsUnder } from '../lib/config-errors.ts';
import { FieldError } from './field-error.tsx';

/** A secret in the form: kept as stored (`value` and `env` null), a new value, or an env variable name. */
export interface SecretDraft { label: string; kind: MaskedSecret['kind'] | 'new'; value: string | null; env: string | null }

export function toEdited(secrets: SecretDraft[]): EditedSecret[] {
  return secrets.map((s) => {
    if (s.env !== null) return { label: s.label, env: s.env };
    return s.value === null ? { label: s.label, keep: true } : { label: s.label, value: s.value };
  });
}

/** What the shared schema validates: kept secrets as placeholders, their values stay on the host. */
export function forValidation(secrets: SecretDraft[]): ({ label: string; value: string } | { label: string; env: string })[] {
  return secrets.map((s) => (s.env !== null ? { label: s.label, env: s.env } : { label: s.label, value: s.value ?? 'kept' }));
}

export function fromMasked(masked: MaskedSecret[]): SecretDraft[] {
  return masked.map((s) => ({ label: s.label, kind: s.kind, value: null, env: null }));
}

/** Where a secret's value lives, in words ('value' alone read like a value being shown). */
function sourceText(s: SecretDraft): string {
  if (s.env !== null) return `env ${s.env}`;
  if (s.value !== null) return 'new value';
  return { value: 'stored in config.json', encrypted: 'encrypted in config.json', env: 'from an environment variable', new: 'new' }[s.kind];
}

interface Props {
  secrets: SecretDraft[];
  errors: ConfigError[];
  onChange: (next: SecretDraft[]) => void;
}

export function SecretsEditor({ secrets, errors, onChange }: Props) {
  const [label, setLabel] = useState('');
  const [source, setSource] = useState<'value' | 'env'>('value');
  const [text, setText] = useState('');
  const replace = (i: number, next: Partial<SecretDraft>) => onChange(secrets.map((x, j) => (j === i ? { ...x, ...next } : x)));
  const add = () => {
    onChange([...secrets, { label: label.trim(), kind: 'new', value: source === 'value' ? text : null, env: source === 'env' ? text.trim() : null }]);
    setLabel('');
    setText('');
  };
  return (
    <>
      {secrets.length === 0 && <p className="muted" data-testid="secrets-empty">No secret configured: signed deliveries cannot be verified.
        Add the one SSL Panel signs with below (Add secret), then Save.</p>}
      <ul className="secret-list" data-testid="secret-list">
        {secrets.map((s, i) => (
          <li key={i}>
            <b>{s.label}</b> {s.value === null && s.env === null && <code role="img" aria-label="value hidden">••••••••</code>}
            <span className="badge">{sourceText(s)}</span>
            {s.value !== null && <input type="password" autoComplete="new-password" aria-label={`New value for ${s.label}`} value={s.value}
              onChange={(e) => replace(i, { value: e.target.value })} />}
            {s.value === null && s.env === null && <button type="button" onClick={() => replace(i, { value: '' })}>Rotate {s.label}</button>}
            <button type="button" onClick={() => onChange(secrets.filter((_, j) => j !== i))}>Remove {s.label}</button>
            <FieldError messages={errorsUnder(errors, `secrets[${i}]`).map((e) => e.message)} />
          </li>
        ))}
      </ul>
      <h3>Add a secret</h3>
      <div className="inline-fields secret-new">
        <label>Label <input value={label} onChange={(e) => setLabel(e.target.value)} /></label>
        <label>Source <select value={source} onChange={(e) => { setSource(e.target.value as 'value' | 'env'); setText(''); }}>
          <option value="value">value typed here</option>
          <option value="env">environment variable</option>
        </select></label>
        {source === 'value'
          ? <label>Value <input type="password" autoComplete="new-password" value={text} onChange={(e) => setText(e.target.value)} /></label>
          : <label>Variable name <input value={text} placeholder="CERTBELL_SECRET" spellCheck={false} onChange={(e) => setText(e.target.value)} /></label>}
      </div>
      {source === 'env' && <p className="muted">The variable must be set in the environment Certbell runs in; it is read at start and on every config reload.</p>}
      <button type="button" disabled={!label.trim() || !text.trim()} onClick={add}>Add secret</button>
    </>
  );
}
