/** The form of one hook: name, stage, events, argv, cwd, env, timeout, enabled — errors inline from the shared schema. */
import type { ConfigError } from '../../../shared/config/index.ts';
import { HOOK_STAGES } from '../../../shared/config/index.ts';
import { EVENT_CATALOG } from '../../../shared/openprovider/events.ts';
import { errorsAt, errorsUnder } from '../lib/config-errors.ts';
import type { HookDraft } from '../lib/hook-draft.ts';
import { ArgvEditor } from './argv-editor.tsx';
import { EnvEditor } from './env-editor.tsx';
import { FieldError } from './field-error.tsx';

const STAGE_HELP: Record<HookDraft['stage'], string> = {
  pre: 'before the certificate inventory is updated; a failure can abort the delivery',
  success: 'after the inventory is updated (default event: ssl_panel.issued)',
  post: 'always last, with CERTBELL_ERROR set when an earlier step failed',
};

export function HookForm({ hook, index, errors, onChange }: {
  hook: HookDraft; index: number; errors: readonly ConfigError[]; onChange(patch: Partial<HookDraft>): void;
}) {
  const at = (field: string) => errorsAt(errors, `hooks[${index}].${field}`);
  const argvErrors = errorsUnder(errors, `hooks[${index}].command`).map((e) => e.message);
  const id = `hook-${index}`;
  const toggleEvent = (name: string, on: boolean) => {
    if (name === '*') { onChange({ events: on ? ['*'] : [] }); return; }
    const rest = hook.events.filter((e) => e !== '*' && e !== name);
    onChange({ events: on ? [...rest, name] : rest });
  };
  return (
    <form className="hook-form card" aria-label={`Hook ${hook.name || index + 1}`} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={hook.name} aria-invalid={at('name').length > 0} onChange={(e) => onChange({ name: e.target.value })} />
        <FieldError messages={at('name')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-stage`}>Stage</label>
        <select id={`${id}-stage`} value={hook.stage} onChange={(e) => onChange({ stage: e.target.value as HookDraft['stage'] })}>
          {HOOK_STAGES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <span className="hint">Runs {STAGE_HELP[hook.stage]}.</span>
        <FieldError messages={at('stage')} />
      </div>
      <fieldset className="field">
        <legend>Events</legend>
        <label className="check"><input type="checkbox" checked={hook.events.includes('*')} onChange={(e) => toggleEvent('*', e.target.checked)} /> <code>*</code> every event</label>
        <div className="event-grid">
          {EVENT_CATALOG.map((ev) => (
            <label key={ev.name} className="check" title={ev.description}>
              <input type="checkbox" disabled={hook.events.includes('*')} checked={hook.events.includes(ev.name)}
                onChange={(e) => toggleEvent(ev.name, e.target.checked)} /> <span className="event-choice">{ev.title} <code>{ev.name}</code></span>
            </label>
          ))}
        </div>
        {hook.events.length === 0 && <span className="hint">None chosen: the stage's default events.</span>}
        <FieldError messages={errorsUnder(errors, `hooks[${index}].events`).map((e) => e.message)} />
      </fieldset>
      <fieldset className="field">
        <legend>Command (argv — spawned without a shell)</legend>
        <ArgvEditor argv={hook.command} idPrefix={`${id}-arg`} onChange={(command) => onChange({ command })} />
        <span className="hint">To use a shell write <code>sh</code>, <code>-c</code>, <code>script…</code> and read the CERTBELL_* variables; payload values are never spliced in.</span>
        <FieldError messages={argvErrors} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-cwd`}>Working directory</label>
        <input id={`${id}-cwd`} value={hook.cwd} placeholder="(the data directory)" onChange={(e) => onChange({ cwd: e.target.value })} />
        <FieldError messages={at('cwd')} />
      </div>
      <fieldset className="field">
        <legend>Environment</legend>
        <EnvEditor rows={hook.env} onChange={(env) => onChange({ env })} />
        <FieldError messages={errorsUnder(errors, `hooks[${index}].env`).map((e) => e.message)} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-timeout`}>Timeout (ms)</label>
        <input id={`${id}-timeout`} inputMode="numeric" value={hook.timeoutMs} placeholder="(hookTimeoutMs)"
          aria-invalid={at('timeoutMs').length > 0} onChange={(e) => onChange({ timeoutMs: e.target.value })} />
        <FieldError messages={at('timeoutMs')} />
      </div>
      <label className="check"><input type="checkbox" checked={hook.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} /> Enabled</label>
    </form>
  );
}
