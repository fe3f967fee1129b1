/**
 * What SPEC §11 found about a delivery that the user should not miss: headers the signed metadata
 * overruled (a relabelled capture, or a sender that sets them wrong), signed content this
 * delivery repeats from another one, and a replay the user forced although it was not verified.
 */
import { useId } from 'react';
import type { DeliveryRecord, HeaderMismatch } from '../../../shared/bridge/index.ts';
import { MISMATCH_HEADERS } from '../../../shared/bridge/types.ts';
import { href } from '../lib/hash-route.ts';

function MismatchWarning({ mismatch }: { mismatch: HeaderMismatch }) {
  const titleId = useId();
  const rows = MISMATCH_HEADERS.flatMap(([field, header]) => {
    const values = mismatch[field];
    return values ? [{ name: header, said: values.header, signed: values.signed }] : [];
  });
  return (
    <div className="notice warn" role="alert" aria-labelledby={titleId} data-testid="header-mismatch">
      <p className="notice-title" id={titleId}><span aria-hidden="true">⚠ </span>Headers disagreed with the signed metadata and were ignored</p>
      <p className="hint">The signature covers the whole body, so the delivery id, event and entity id were taken from its
        signed <code>metadata</code>. A header that says otherwise was not signed: someone may have relabelled a captured delivery.</p>
      <table className="table compact">
        <thead><tr><th scope="col">Header</th><th scope="col">Header said (ignored)</th><th scope="col">Signed metadata (used)</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}><th scope="row">{r.name}</th><td><code>{r.said}</code></td><td><code>{r.signed ?? '—'}</code></td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReplayNotice({ record, of }: { record: DeliveryRecord; of: string }) {
  const titleId = useId();
  const link = <a href={href('deliveries', of)} data-testid="replay-of-link">{of}</a>;
  // A duplicate was answered and dropped; signed data under another event was processed, and that is a security matter.
  if (record.outcome === 'duplicate') {
    return (
      <div className="notice" role="note" aria-labelledby={titleId} data-testid="replay-of">
        <p className="notice-title" id={titleId}>Repeats the signed content of delivery {link}</p>
        <p className="hint">The same signed bytes and event came again under another delivery id, so it was answered as a duplicate:
          no hooks ran and nothing was notified.</p>
      </div>
    );
  }
  return (
    <div className="notice warn" role="alert" aria-labelledby={titleId} data-testid="replay-of">
      <p className="notice-title" id={titleId}><span aria-hidden="true">⚠ </span>Repeats the signed content of delivery {link}</p>
      <p className="hint">Only the <code>data</code> is signed, and the same signed data had arrived before under another event;
        here it came as <code>{record.event ?? 'no event'}</code>. It was processed, and a security notification was raised.</p>
    </div>
  );
}

function ForcedReplayNotice({ record }: { record: DeliveryRecord }) {
  const titleId = useId();
  return (
    <div className="notice warn" role="note" aria-labelledby={titleId} data-testid="forced-replay">
      <p className="notice-title" id={titleId}><span aria-hidden="true">⚠ </span>Forced replay of a delivery whose signature is {record.signature}</p>
      <p className="hint">It was replayed only because that was confirmed, so its hooks ran and it was applied as if the provider had sent it.</p>
    </div>
  );
}

export function DeliveryEdgeNotices({ record }: { record: DeliveryRecord }) {
  const forced = record.signatureDetail?.forcedReplay === true;
  if (!record.headerMismatch && !record.replayOf && !forced) return null;
  return (
    <div className="edge-notices">
      {forced && <ForcedReplayNotice record={record} />}
      {record.headerMismatch && <MismatchWarning mismatch={record.headerMismatch} />}
      {record.replayOf && <ReplayNotice record={record} of={record.replayOf} />}
    </div>
  );
}
