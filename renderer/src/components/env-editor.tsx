/** Environment variables of a hook as key/value rows. */
export interface EnvRow { key: string; value: string }

export function EnvEditor({ rows, onChange }: { rows: EnvRow[]; onChange(rows: EnvRow[]): void }) {
  const set = (i: number, patch: Partial<EnvRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div data-testid="env-editor">
      {rows.length === 0 && <p className="muted">No extra variable; the hook still gets the CERTBELL_* ones.</p>}
      <ol className="rows">
        {rows.map((row, i) => (
          <li key={i} className="row">
            <input aria-label={`Variable ${i + 1} name`} placeholder="NAME" value={row.key} onChange={(e) => set(i, { key: e.target.value })} />
            <span aria-hidden="true">=</span>
            <input aria-label={`Variable ${i + 1} value`} placeholder="value" value={row.value} onChange={(e) => set(i, { value: e.target.value })} />
            <button type="button" aria-label={`Remove variable ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...rows, { key: '', value: '' }])}>Add variable</button>
    </div>
  );
}
