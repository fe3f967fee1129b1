/**
 * The acme2certifier-style hooks file (`hooksFile`): a JavaScript module whose preHook /
 * successHook / postHook functions run around each delivery. Its code is edited in the user's
 * editor, not here; the card sets which file is used and shows the methods in force — each runs
 * if the file's class has it, which only running the module can tell.
 */
import type { HookEntry } from '../../../shared/bridge/index.ts';
import { FieldError } from './field-error.tsx';

interface Props {
  path: string;
  errors: string[];
  inForce: HookEntry[];
  onChange: (path: string) => void;
}

export function HooksFileCard({ path, errors, inForce, onChange }: Props) {
  const fileHooks = inForce.filter((h): h is Extract<HookEntry, { kind: 'file' }> => h.kind === 'file');
  return (
    <fieldset className="card" data-testid="hooks-file">
      <legend>Hooks file</legend>
      <p className="muted">A JavaScript module exporting a class <code>Hooks</code> with <code>preHook</code>, <code>successHook</code>
        and/or <code>postHook</code> (acme2certifier's model); they run after the hooks above, in their stage. Relative paths are resolved against the data directory.
        Edit the file itself in your editor; a saved change applies to the next delivery.</p>
      <label className="field">File path
        <input value={path} placeholder="hooks.mjs" spellCheck={false} onChange={(e) => onChange(e.target.value)} /></label>
      <FieldError messages={errors} />
      {fileHooks.length > 0 ? (<>
        <ul className="plain" aria-label="Methods of the hooks file in force">
          {fileHooks.map((h) => (
            <li key={h.name}><code>{h.method}()</code> <span className="badge">{h.stage}</span>{' '}
              <span className="muted">from {h.file}, timeout {h.timeoutMs} ms</span></li>
          ))}
        </ul>
        <p className="muted">Each runs if the file's <code>Hooks</code> class has it.</p>
      </>) : <p className="muted">{path.trim() ? 'No methods of this file are in force (save first).' : 'No hooks file set.'}</p>}
    </fieldset>
  );
}
