/** Edit and replay: the raw body in an editor, checked as JSON as you type, sent as a new attempt of the same delivery id. */
import { useId, useState } from 'react';
import type { DeliveryRecord } from '../../../shared/bridge/index.ts';
import { call } from '../bridge/bridge.ts';

/** Why the text cannot be sent (the core takes only a JSON object), or null. */
function editedBodyError(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (failure) {
    return `Not valid JSON: ${(failure as Error).message}`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'The body must be a JSON object ({ … }).';
  return null;
}

interface Props {
  record: DeliveryRecord;
  initial: string;
  onClose(): void;
  /** The stored attempt, once the core has run it through the pipeline. */
  onReplayed(attempt: DeliveryRecord): void;
}

export function EditReplay({ record, initial, onClose, onReplayed }: Props) {
  const [text, setText] = useState(initial);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const error = editedBodyError(text);
  const editorId = useId();
  const errorId = useId();

  const send = async () => {
    setSending(true);
    setFailure(null);
    try {
      onReplayed(await call('deliveries.replayEdited', { id: String(record.id), body: text }));
    } catch (problem) {
      setFailure((problem as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="edit-replay card" aria-label="Edit and replay">
      <h3><label htmlFor={editorId}>Edit the body, then replay</label></h3>
      <p className="muted">Sent through the pipeline (hooks included) as a new attempt of <code>{record.deliveryId}</code>. The edited body
        was never signed, so its signature shows as unverified.</p>
      <textarea id={editorId} className="body-editor" data-testid="edit-body" value={text} spellCheck={false} rows={16}
        aria-invalid={error !== null} aria-describedby={error ? errorId : undefined}
        onChange={(e) => setText(e.target.value)} />
      {error ? <p id={errorId} className="danger edit-note" role="alert" data-testid="edit-body-error">{error}</p>
        : <p className="ok edit-note">Valid JSON object.</p>}
      {failure && <p className="danger" role="alert">{failure}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={error !== null || sending} onClick={() => void send()}>
          {sending ? 'Replaying…' : 'Replay edited body'}
        </button>
        <button type="button" onClick={() => setText(initial)} disabled={text === initial}>Reset</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </section>
  );
}
