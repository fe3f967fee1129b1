/**
 * The deployment part of Settings (SPEC §12 `deployment.*`): the switch, the schedule, the time
 * limit, and the targets per certificate name (where to connect instead of name:443; the SNI
 * stays the name). Wildcard names the checker found without a target are offered as new rows.
 */
import type { MaskedConfig } from '../../../shared/bridge/index.ts';
import type { ConfigError } from '../../../shared/config/index.ts';
import { errorsAt } from '../lib/config-errors.ts';
import { nameErrors, targetErrors, type TargetRow } from '../lib/deployment-targets.ts';
import { FieldError } from './field-error.tsx';

type Deployment = MaskedConfig['deployment'];

interface Props {
  deployment: Deployment;
  /** The targets as edited (the map of `deployment` is derived from them by the settings view). */
  rows: TargetRow[];
  errors: ConfigError[];
  /** Wildcard names of the inventory with nothing to connect to (`deployment.status`). */
  wildcards: string[];
  onChange(next: Partial<Deployment>): void;
  onRowsChange(rows: TargetRow[]): void;
}

function num(text: string): number { return text.trim() === '' ? Number.NaN : Number(text); }
function shown(n: number): string { return Number.isNaN(n) ? '' : String(n); }

function focusLater(id: string): void {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

function TargetRowEditor({ row, index, nameProblems, errors, onChange, onRemove }: {
  row: TargetRow; index: number; nameProblems: string[]; errors: ConfigError[]; onChange(row: TargetRow): void; onRemove(): void;
}) {
  const id = `s-dep-${index}`;
  const setTarget = (i: number, value: string) => onChange({ ...row, targets: row.targets.map((t, j) => (j === i ? value : t)) });
  const label = row.name.trim() || `name ${index + 1}`;
  return (
    <li className="target-row" data-testid="deployment-target-row">
      <div className="row">
        <label htmlFor={`${id}-name`} className="target-name-label">Certificate name</label>
        <input id={`${id}-name`} value={row.name} placeholder="shop.example.nl" spellCheck={false} aria-invalid={nameProblems.length > 0}
          onChange={(e) => onChange({ ...row, name: e.target.value })} />
        <button type="button" onClick={onRemove}>Remove {label}</button>
      </div>
      <FieldError messages={nameProblems} />
      <ol className="rows target-list" aria-label={`Targets of ${label}`}>
        {row.targets.map((target, i) => {
          const problems = targetErrors(row, i, errors);
          return (
            <li key={i} className="row">
              <input id={`${id}-t${i}`} aria-label={`Target ${i + 1} of ${label}`} value={target} placeholder="127.0.0.1:8443" spellCheck={false}
                aria-invalid={problems.length > 0} onChange={(e) => setTarget(i, e.target.value)} />
              <button type="button" aria-label={`Remove target ${i + 1} of ${label}`}
                onClick={() => onChange({ ...row, targets: row.targets.filter((_, j) => j !== i) })}>Remove</button>
              <FieldError messages={problems} />
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => { onChange({ ...row, targets: [...row.targets, ''] }); focusLater(`${id}-t${row.targets.length}`); }}>
        Add a target for {label}</button>
    </li>
  );
}

export function DeploymentSettings({ deployment, rows, errors, wildcards, onChange, onRowsChange }: Props) {
  const problems = nameErrors(rows, errors);
  const at = (field: string) => errorsAt(errors, `deployment.${field}`);
  const addRow = (name: string) => {
    onRowsChange([...rows, { name, targets: [''] }]);
    focusLater(name ? `s-dep-${rows.length}-t0` : `s-dep-${rows.length}-name`);
  };
  const missing = wildcards.filter((w) => !rows.some((r) => r.name.trim() === w));
  return (
    <section className="card" id="s-deployment" aria-labelledby="s-deployment-h" tabIndex={-1}>
      <h2 id="s-deployment-h">Deployment</h2>
      <p className="muted">Certbell connects to every name of an issued certificate with TLS and compares what is served with what was
        issued, so a renewal that never reached the server does not go unnoticed.</p>
      <label className="check"><input type="checkbox" checked={deployment.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} /> Check
        deployments on a schedule</label>
      <div className="inline-fields">
        <div className="field"><label htmlFor="s-dep-grace">First check after issuance (hours)</label>
          <input id="s-dep-grace" inputMode="decimal" value={shown(deployment.graceHours)} aria-invalid={at('graceHours').length > 0}
            onChange={(e) => onChange({ graceHours: num(e.target.value) })} /><FieldError messages={at('graceHours')} /></div>
        <div className="field"><label htmlFor="s-dep-interval">Then every (hours)</label>
          <input id="s-dep-interval" inputMode="decimal" value={shown(deployment.intervalHours)} aria-invalid={at('intervalHours').length > 0}
            onChange={(e) => onChange({ intervalHours: num(e.target.value) })} /><FieldError messages={at('intervalHours')} /></div>
        <div className="field"><label htmlFor="s-dep-timeout">Time limit per target (ms)</label>
          <input id="s-dep-timeout" inputMode="numeric" value={shown(deployment.timeoutMs)} aria-invalid={at('timeoutMs').length > 0}
            onChange={(e) => onChange({ timeoutMs: num(e.target.value) })} /><FieldError messages={at('timeoutMs')} /></div>
      </div>
      <fieldset className="field"><legend>Targets</legend>
        <p className="hint">Without a row here a name is checked at <code>name:443</code>. A row replaces that with the hosts you list
          (a load balancer, an internal address, another port); the name is still sent as SNI. A wildcard such as <code>*.example.nl</code> has
          no host to connect to: it is checked only where a row gives one.</p>
        {missing.map((name) => (
          <p key={name} className="notice warn" data-testid="wildcard-suggestion"><code>{name}</code> has no host to connect to.{' '}
            <button type="button" onClick={() => addRow(name)}>Add a target for {name}</button></p>
        ))}
        {rows.length === 0 && <p className="muted">No targets configured: each name is checked at its own port 443. Add a certificate name
          when a host answers elsewhere.</p>}
        <ul className="rows target-rows">
          {rows.map((row, i) => (
            <TargetRowEditor key={i} row={row} index={i} nameProblems={problems[i]} errors={errors}
              onChange={(next) => onRowsChange(rows.map((r, j) => (j === i ? next : r)))}
              onRemove={() => onRowsChange(rows.filter((_, j) => j !== i))} />
          ))}
        </ul>
        <FieldError messages={errorsAt(errors, 'deployment.targets')} />
        <button type="button" onClick={() => addRow('')}>Add a certificate name</button>
      </fieldset>
    </section>
  );
}
