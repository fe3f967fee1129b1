/** A collapsible JSON tree: objects and arrays fold (native <details>, so keyboard and screen readers work). */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function Leaf({ value }: { value: Json }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  return <span className="json-bool">{String(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: Json; depth: number }) {
  const label = name === null ? null : <span className="json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') return <li>{label}<Leaf value={value} /></li>;
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <li>
      <details open={depth < 3}>
        <summary>{label}<span className="muted">{summary}</span></summary>
        <ul className="json-tree">{entries.map(([k, v]) => <Node key={k} name={k} value={v} depth={depth + 1} />)}</ul>
      </details>
    </li>
  );
}

export function JsonTree({ text }: { text: string }) {
  let value: Json;
  try { value = JSON.parse(text) as Json; } catch { return <p className="muted">The body is not JSON.</p>; }
  return <ul className="json-tree json-root"><Node name={null} value={value} depth={0} /></ul>;
}
