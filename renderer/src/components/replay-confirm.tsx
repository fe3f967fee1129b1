/**
 * The confirmation a replay of an unverified delivery needs (issue 22): replaying a delivery whose
 * signature was not valid runs its hooks and applies it as if the provider had sent it, so the
 * user says so first. A modal <dialog>: focus moves into it, Escape cancels.
 */
import { useEffect, useId, useRef } from 'react';
import type { DeliveryRecord } from '../../../shared/bridge/index.ts';

interface Props {
  record: DeliveryRecord;
  onConfirm(): void;
  onCancel(): void;
}

export function ReplayConfirm({ record, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={titleId} data-testid="replay-confirm"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id={titleId}>Replay a delivery whose signature is {record.signature}?</h2>
      <p>{record.signatureDetail?.reason ?? `Its signature verdict is ${record.signature}.`}</p>
      <p>Certbell could not verify that the provider sent it. A replay runs its hooks (a deploy hook would deploy what it
        carries) and applies it to the certificate inventory as if it were genuine. The new attempt records that you confirmed it.</p>
      <div className="actions">
        <button type="button" onClick={onCancel} autoFocus>Cancel</button>
        <button type="button" className="danger-button" onClick={onConfirm}>Replay anyway</button>
      </div>
    </dialog>
  );
}
