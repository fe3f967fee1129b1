/** The signature explanation: the verdict and its reason, the digests received, and every secret/input tried. */
import type { SignatureExplanation } from '../../../shared/bridge/index.ts';

export function SignaturePanel({ detail }: { detail: SignatureExplanation | null }) {
  if (!detail) return <p className="muted">No signature check was recorded for this delivery.</p>;
  // Unverified with nothing received or tried (unsigned and allowed, or an edited replay): the reason says it all.
  const checked = detail.verdict !== 'unverified' || detail.received.length > 0 || detail.tried.length > 0;
  return (
    <div className="signature" data-testid="signature-explanation">
      <p><span className={`badge sig-${detail.verdict}`}>{detail.verdict}</span> {detail.reason}</p>
      {checked && <SignatureDetails detail={detail} />}
    </div>
  );
}

function SignatureDetails({ detail }: { detail: SignatureExplanation }) {
  return (
    <>
      {/* The verifier's reason usually names the matching secret and input already: then only the algorithm is new. */}
      {detail.matched && (detail.reason.includes(`"${detail.matched.secret}"`)
        ? <p className="muted">Algorithm: {detail.matched.algorithm}.</p>
        : <p>Matched secret <b>{detail.matched.secret}</b> over <b>{detail.matched.input}</b> ({detail.matched.algorithm}).</p>)}
      <h4>Received</h4>
      {detail.received.length === 0 ? <p className="muted">No digest in the Signature header.</p> : (
        <table className="table compact">
          <thead><tr><th scope="col">Algorithm</th><th scope="col">Digest (12 hex)</th></tr></thead>
          <tbody>{detail.received.map((r, i) => <tr key={i}><td>{r.algorithm}</td><td><code>{r.digest}</code></td></tr>)}</tbody>
        </table>
      )}
      <h4>Tried</h4>
      {detail.tried.length === 0 ? <p className="muted">Nothing was computed (no secret configured, or no signature to check).</p> : (
        <table className="table compact">
          <thead><tr><th scope="col">Secret</th><th scope="col">Input</th><th scope="col">Algorithm</th><th scope="col">Computed (12 hex)</th></tr></thead>
          <tbody>
            {detail.tried.map((t, i) => (
              <tr key={i}><td>{t.secret}</td><td>{t.input}</td><td>{t.algorithm}</td><td><code>{t.computed}</code></td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
