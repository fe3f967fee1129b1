/** Error and loading states that say what happened and what to do next. */

/** The step to suggest for errors whose message alone leaves the user stuck. */
function nextStep(error: string): string | null {
  if (/not reachable/i.test(error)) {
    return 'Certbell is not answering. Check that certbell serve (or the desktop app) is still running, then try again; '
      + 'if it was restarted, open the new URL it printed.';
  }
  return null;
}

export function ErrorBox({ error, onRetry }: { error: string; onRetry?: () => void }) {
  const hint = nextStep(error);
  return (
    <div className="error-box" role="alert">
      <p>{error}</p>
      {hint && <p className="error-hint">{hint}</p>}
      {onRetry && <button type="button" onClick={onRetry}>Try again</button>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <p className="muted" role="status">Loading {what}…</p>;
}
