/** The signature explanation: the verdict and its reason, the digests received, and every secret/input tried. */
import type { SignatureExplanation } from '../../../shared/bridge/index.ts';
import { href } from '../lib/hash-route.ts';
import { signatureView, type SignatureChecks } from '../lib/signature-view.ts';

export function SignaturePanel({ detail }: { detail: SignatureExplanation | null }) {
  if (!detail) return <p className="muted">No signature check was recorded for this delivery.</p>;
  const view = signatureView(detail);
  return (
    <div className="signature" data-testid="signature-explanation">
      <p><span className={`badge sig-${view.verdict}`}>{view.verdict}</span> {view.reason}</p>
      {view.editedFrom !== null && (
        <p className="muted">The original: <a href={href('deliveries', view.editedFrom)} data-testid="edited-from-link">record {view.editedFrom}</a>.</p>
      )}
      {view.checks && <SignatureDetails checks={view.checks} />}
    </div>
  );
}

function SignatureDetails({ checks }: { checks: SignatureChecks }) {
  const { matched } = checks;
  return (
    <>
      {matched && (checks.reasonNamesMatch
        ? <p className="muted">Algorithm: {matched.algorithm}.</p>
        : <p>Matched secret <b>{matched.secret}</b> over <b>{matched.input}</b> ({matched.algorithm}).</p>)}
      <h4>Received</h4>
      {checks.receivedNote && <p className="muted">{checks.receivedNote}</p>}
      {checks.received.length === 0 ? <p className="muted">{checks.receivedEmpty}</p> : (
        <table className="table compact">
          <thead><tr><th scope="col">Algorithm</th><th scope="col">Digest (12 hex)</th></tr></thead>
          <tbody>{checks.received.map((r, i) => <tr key={i}><td>{r.algorithm}</td><td><code>{r.digest}</code></td></tr>)}</tbody>
        </table>
      )}
      <h4>Tried</h4>
      {checks.tried.length === 0 ? <p className="muted">{checks.triedEmpty}</p> : (
        <table className="table compact">
          <thead><tr><th scope="col">Secret</th><th scope="col">Input</th><th scope="col">Algorithm</th><th scope="col">Computed (12 hex)</th></tr></thead>
          <tbody>
            {checks.tried.map((t, i) => (
              <tr key={i}><td>{t.secret}</td><td>{t.input}</td><td>{t.algorithm}</td><td><code>{t.computed}</code></td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
