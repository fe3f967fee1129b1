/**
 * The hooks editor: the list (add, duplicate, remove, enable, reorder), one hook's form, the failure
 * policy, import/export as JSON and a test-run. Validated as you type with the shared schema; Save
 * writes config.json through `hooks.save` and the running server applies it without a restart.
 */
import { useEffect, useState } from 'react';
import type { ConfigError } from '../../../shared/config/index.ts';
import { call } from '../bridge/bridge.ts';
import { useCall } from '../bridge/use-bridge.ts';
import { FieldError } from '../components/field-error.tsx';
import { HookForm } from '../components/hook-form.tsx';
import { HooksFileCard } from '../components/hooks-file-card.tsx';
import { HookTestRunPanel } from '../components/hook-test-run.tsx';
import { ErrorBox, Loading } from '../components/status-box.tsx';
import { errorsUnder } from '../lib/config-errors.ts';
import { downloadText } from '../lib/format.ts';
import { copyName, exampleHook, fromConfig, newHook, parseImport, toInput, validateHooks, type HookDraft } from '../lib/hook-draft.ts';

type Policy = { allowPreHookFailure: boolean; allowSuccessHookFailure: boolean; allowPostHookFailure: boolean };

const POLICIES: { key: keyof Policy; label: string; on: string; off: string }[] = [
  { key: 'allowPreHookFailure', label: 'Allow pre hook failure',
    on: 'A failing pre hook is recorded and the delivery goes on to update the inventory, notify and run the other hooks.',
    off: 'A failing pre hook stops the delivery: no notification, no success or post hooks, the sender gets 503 and retries.' },
  { key: 'allowSuccessHookFailure', label: 'Allow success hook failure',
    on: 'A failing success hook is recorded and post hooks still run; the delivery is accepted.',
    off: 'A failing success hook aborts the delivery with 503, skips the post hooks and shows a hook notification.' },
  { key: 'allowPostHookFailure', label: 'Allow post hook failure',
    on: 'A failing post hook is only recorded; the delivery is still answered 200.',
    off: 'A failing post hook turns the answer into 503, so the sender will retry the delivery.' },
];

export function HooksView() {
  const settings = useCall('settings.get');
  const inForce = useCall('hooks.list');
  const [drafts, setDrafts] = useState<HookDraft[] | null>(null);
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [hooksFile, setHooksFile] = useState('');
  const [selected, setSelected] = useState(0);
  const [dirty, setDirty] = useState(false);
  // No hook configured: the editor holds an unsaved example until it is edited, replaced or removed.
  const [example, setExample] = useState(false);
  const [saveErrors, setSaveErrors] = useState<ConfigError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [importText, setImportText] = useState('');
  const [importErrors, setImportErrors] = useState<ConfigError[]>([]);

  useEffect(() => {
    if (!settings.data || dirty) return;
    const none = settings.data.hooks.length === 0;
    setDrafts(none ? [exampleHook()] : settings.data.hooks.map(fromConfig));
    setExample(none);
    const { allowPreHookFailure, allowSuccessHookFailure, allowPostHookFailure } = settings.data;
    setPolicy({ allowPreHookFailure, allowSuccessHookFailure, allowPostHookFailure });
    setHooksFile(settings.data.hooksFile ?? '');
  }, [settings.data, dirty]);

  if (settings.error) return <div><h1>Hooks</h1><ErrorBox error={settings.error} onRetry={settings.reload} /></div>;
  if (!drafts || !policy) return <div><h1>Hooks</h1><Loading what="hooks" /></div>;

  const errors = [...validateHooks(drafts), ...saveErrors];
  const valid = errors.length === 0;
  const current = Math.min(selected, drafts.length - 1);
  const edit = (next: HookDraft[], select = current) => {
    setDrafts(next); setSelected(select); setDirty(true); setExample(false); setMessage(null); setSaveErrors([]);
  };
  const patch = (i: number, p: Partial<HookDraft>) => edit(drafts.map((h, j) => (j === i ? { ...h, ...p } : h)), i);
  const move = (i: number, by: number) => {
    const next = [...drafts];
    const [hook] = next.splice(i, 1);
    next.splice(i + by, 0, hook);
    edit(next, i + by);
  };
  const save = async () => {
    setMessage(null);
    try {
      const result = await call('hooks.save', { hooks: drafts.map(toInput), hooksFile: hooksFile.trim() || null, ...policy });
      if (result.saved) {
        setDirty(false); setSaveErrors([]);
        setMessage(result.applied ? 'Saved and applied.' : 'Saved; the server applies it on its next reload.');
        settings.reload(); inForce.reload();
      } else setSaveErrors(result.errors);
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  const applyImport = (text: string) => {
    const parsed = parseImport(text);
    if (!parsed.ok) { setImportErrors(parsed.errors); return; }
    setImportErrors([]); setImportText('');
    edit(parsed.hooks, 0);
    setMessage(`Imported ${parsed.hooks.length} hook(s) into the draft; review and save.`);
  };
  const hookNames = (inForce.data ?? []).map((h) => h.name);

  return (
    <div className="hooks-editor">
      <h1>Hooks</h1>
      <p className="muted">Commands Certbell runs for matching deliveries. Each gets the delivery JSON on stdin and CERTBELL_* variables.</p>
      <div className="editor-bar">
        <button type="button" className="primary" disabled={!valid || !(dirty || example)} onClick={() => void save()}>Save</button>
        <button type="button" disabled={!dirty} onClick={() => { setDirty(false); setSaveErrors([]); settings.reload(); }}>Discard changes</button>
        <button type="button" onClick={() => downloadText('certbell-hooks.json', `${JSON.stringify({ hooks: drafts.map(toInput) }, null, 2)}\n`)}>Export JSON</button>
        <span role="status" className="muted">{!valid ? `${errors.length} problem(s) to fix before saving` : dirty ? 'Unsaved changes' : example ? 'Example hook, not saved yet' : message ?? 'Saved'}</span>
      </div>
      {message && dirty && <p role="status">{message}</p>}
      {saveErrors.length > 0 && <ErrorBox error={saveErrors.map((e) => `${e.path}: ${e.message}`).join('\n')} />}
      <div className="editor-grid">
        <section aria-labelledby="hook-list-title">
          <h2 id="hook-list-title">Hooks, in run order</h2>
          {example && <p className="notice" data-testid="hook-example-notice">No hooks yet. Here is an example to start from: it appends
            each issued certificate&apos;s name to <code>~/certbell-hooks.log</code>. Edit it and press Save, or press Add hook to start
            from an empty one.</p>}
          {drafts.length === 0 && <p className="empty">No hooks yet. Add one, e.g. a pre hook running <code>sh</code> <code>-c</code> <code>echo hello</code>.</p>}
          <ol className="hook-list">
            {drafts.map((h, i) => {
              const broken = errorsUnder(errors, `hooks[${i}]`).length > 0;
              return (
                <li key={i} className={i === current ? 'selected' : undefined} data-testid="hook-item">
                  <button type="button" className="link" aria-pressed={i === current} onClick={() => setSelected(i)}>
                    {h.name || '(unnamed)'}</button>
                  <span className="badge">{h.stage}</span>
                  {!h.enabled && <span className="badge warn">disabled</span>}
                  {broken && <span className="badge outcome-rejected">invalid</span>}
                  <div className="actions">
                    <label className="check"><input type="checkbox" checked={h.enabled} onChange={(e) => patch(i, { enabled: e.target.checked })} /> Enabled</label>
                    <button type="button" aria-label={`Move ${h.name || `hook ${i + 1}`} up`} disabled={i === 0} onClick={() => move(i, -1)}>Move up</button>
                    <button type="button" aria-label={`Move ${h.name || `hook ${i + 1}`} down`} disabled={i === drafts.length - 1} onClick={() => move(i, 1)}>Move down</button>
                    <button type="button" aria-label={`Duplicate ${h.name || `hook ${i + 1}`}`} onClick={() => edit([...drafts.slice(0, i + 1), { ...h, name: copyName(h.name, drafts) }, ...drafts.slice(i + 1)], i + 1)}>Duplicate</button>
                    <button type="button" aria-label={`Remove ${h.name || `hook ${i + 1}`}`} onClick={() => edit(drafts.filter((_, j) => j !== i), Math.max(0, i - 1))}>Remove</button>
                  </div>
                </li>
              );
            })}
          </ol>
          <button type="button" onClick={() => (example ? edit([newHook([])], 0) : edit([...drafts, newHook(drafts)], drafts.length))}>Add hook</button>
          <fieldset className="card policy">
            <legend>Failure policy</legend>
            {POLICIES.map((p) => (
              <div key={p.key} className="field">
                <label className="check"><input type="checkbox" role="switch" checked={policy[p.key]}
                  onChange={(e) => { setPolicy({ ...policy, [p.key]: e.target.checked }); setDirty(true); }} /> {p.label}</label>
                <span className="hint">{policy[p.key] ? p.on : p.off}</span>
              </div>
            ))}
          </fieldset>
          <HooksFileCard path={hooksFile} inForce={inForce.data ?? []} errors={errorsUnder(saveErrors, 'hooksFile').map((e) => e.message)}
            onChange={(path) => { setHooksFile(path); setDirty(true); setMessage(null); setSaveErrors([]); }} />
          <details className="card">
            <summary>Import JSON</summary>
            <p className="muted">An array of hooks or <code>{'{"hooks": [...]}'}</code>; it is validated, then replaces the draft (not saved until you press Save).</p>
            <label className="field">File <input type="file" accept="application/json,.json" onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(applyImport);
            }} /></label>
            <label className="field">Or paste JSON
              <textarea rows={6} value={importText} onChange={(e) => setImportText(e.target.value)} /></label>
            <button type="button" disabled={!importText.trim()} onClick={() => applyImport(importText)}>Import pasted JSON</button>
            <FieldError messages={importErrors.map((e) => `${e.path}: ${e.message}`)} />
          </details>
        </section>
        <section aria-label="Hook details">
          {drafts[current] ? <HookForm hook={drafts[current]} index={current} errors={errors} onChange={(p) => patch(current, p)} />
            : <p className="empty">Add a hook to edit it here, or{' '}
              <button type="button" onClick={() => edit([exampleHook()], 0)}>Start from the example hook</button></p>}
        </section>
      </div>
      <HookTestRunPanel hookNames={hookNames} dirty={dirty} />
    </div>
  );
}
