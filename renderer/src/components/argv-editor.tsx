/** One input per argument, so nobody writes a shell string by accident. */
export function ArgvEditor({ argv, onChange, idPrefix, placeholder = '/usr/local/bin/deploy-cert' }:
  { argv: string[]; onChange(argv: string[]): void; idPrefix: string; placeholder?: string }) {
  const set = (i: number, value: string) => onChange(argv.map((a, j) => (j === i ? value : a)));
  return (
    <div className="argv" data-testid="argv-editor">
      {argv.length === 0 && <p className="muted">No argument yet: add the program first.</p>}
      <ol className="rows">
        {argv.map((arg, i) => (
          <li key={i} className="row">
            <input id={`${idPrefix}-${i}`} aria-label={i === 0 ? 'Program (argument 0)' : `Argument ${i}`} value={arg}
              placeholder={i === 0 ? placeholder : 'argument'} onChange={(e) => set(i, e.target.value)} />
            <button type="button" aria-label={`Remove argument ${i}`} onClick={() => onChange(argv.filter((_, j) => j !== i))}>Remove</button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...argv, ''])}>Add argument</button>
    </div>
  );
}
