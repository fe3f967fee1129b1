/** One delivery in full: summary, signature explanation, headers, exact raw body, JSON tree, attempts, hook runs, actions. */
import { useEffect, useMemo, useState } from 'react';
import type { DeliveryRecord, RawBody } from '../../../shared/bridge/index.ts';
import { call } from '../bridge/bridge.ts';
import { useBridgeEvents, useReconnected } from '../bridge/use-bridge.ts';
import { curlCommand } from '../lib/curl.ts';
import { harLog } from '../lib/har.ts';
import { bytesAsText, decodeBase64, downloadText, formatBytes, hexDump } from '../lib/format.ts';
import { href, navigate } from '../lib/hash-route.ts';
import { CopyButton } from './copy-button.tsx';
import { DeliveryEdgeNotices } from './delivery-edge-notices.tsx';
import { EditReplay } from './edit-replay.tsx';
import { HookRunList } from './hook-run-list.tsx';
import { JsonTree } from './json-tree.tsx';
import { ReplayConfirm } from './replay-confirm.tsx';
import { SignaturePanel } from './signature-panel.tsx';
import { ErrorBox, Loading } from './status-box.tsx';
import { TimeAt } from './time-ago.tsx';

interface Loaded {
  record: DeliveryRecord;
  raw: RawBody;
}

function RawBodyView({ raw, text }: { raw: RawBody; text: string | null }) {
  if (raw.base64 === null) return <p className="muted">The body was not kept ({formatBytes(raw.size)}).</p>;
  // Focusable so a keyboard user can scroll a long body (the block scrolls on its own); a region, as a bare <pre> may not carry a name.
  const props = { className: 'raw-body', 'data-testid': 'raw-body', tabIndex: 0, role: 'region', 'aria-label': 'Raw body' };
  if (text === null) return <pre {...props}>{hexDump(decodeBase64(raw.base64))}</pre>;
  return <pre {...props}>{text}</pre>;
}

function Summary({ record }: { record: DeliveryRecord }) {
  return (
    <dl className="summary">
      <dt>Delivery id</dt><dd><code>{record.deliveryId}</code></dd>
      <dt>Event</dt><dd>{record.event ?? '—'}</dd>
      <dt>Common name</dt><dd>{record.commonName ?? '—'}</dd>
      <dt>Received</dt><dd><TimeAt iso={record.receivedAt} /></dd>
      <dt>Outcome</dt><dd><span className={`badge outcome-${record.outcome}`}>{record.outcome}</span> HTTP {record.status}</dd>
      <dt>Request</dt><dd><code>{record.method} {record.path}</code> from <span data-testid="client-address">{record.remoteAddress ?? 'unknown'}</span>
        {record.socketAddress && record.socketAddress !== record.remoteAddress && <span className="muted"> via {record.socketAddress}</span>}
        {' '}· {formatBytes(record.bodySize)}</dd>
      {record.certificateId && <><dt>Certificate</dt><dd><a href={href('certificates', record.certificateId)}>{record.commonName ?? record.certificateId}</a>
        {' '}<span className="muted">(id {record.certificateId}{record.orderId ? `, order ${record.orderId}` : ''})</span></dd></>}
      {record.error && <><dt>Error</dt><dd className="danger">{record.error}</dd></>}
      {record.response && <><dt>Response</dt><dd><code>{record.response}</code></dd></>}
    </dl>
  );
}

interface Props {
  id: string;
  webhookUrl: string;
  /** A record this pane stored (a replay), for the list to show without waiting for a pushed event. */
  onStored(record: DeliveryRecord): void;
}

export function DeliveryDetail({ id, webhookUrl, onStored }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  // A replay's result belongs to the delivery it is about (the attempt it opened): another delivery opened hides it.
  const [action, setAction] = useState<{ id: string; note: string } | null>(null);
  const actionNote = action && action.id === id ? action.note : null;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([call('deliveries.get', { id }), call('deliveries.raw', { id })]).then(
      ([record, raw]) => { if (live) setLoaded({ record, raw }); },
      (failure: Error) => { if (live) { setLoaded(null); setError(failure.message); } },
    );
    return () => { live = false; };
  }, [id, generation]);
  useEffect(() => { setEditing(false); setConfirming(false); }, [id]);
  // A new attempt of the same delivery id changes the attempts table.
  useBridgeEvents((e) => {
    if (e.event === 'delivery' && loaded && e.data.deliveryId === loaded.record.deliveryId) setGeneration((g) => g + 1);
  });
  useReconnected(() => setGeneration((g) => g + 1));
  const text = useMemo(() => (loaded?.raw.base64 ? bytesAsText(decodeBase64(loaded.raw.base64)) : null), [loaded]);

  if (error && /no delivery/i.test(error)) {
    return (
      <p className="empty" data-testid="delivery-missing">
        Delivery <code>{id}</code> is not stored — retention may have removed it, or the link is from another data directory.
        Pick a delivery from the list, or <a href={href('deliveries')}>clear the selection</a>.
      </p>
    );
  }
  if (error) return <ErrorBox error={error} onRetry={() => setGeneration((g) => g + 1)} />;
  if (!loaded || loaded.record.id !== Number(id) && loaded.record.deliveryId !== id) return <Loading what="the delivery" />;
  const { record, raw } = loaded;

  const showAttempt = (attempt: DeliveryRecord, note: string) => {
    setAction({ id: String(attempt.id), note });
    onStored(attempt);
    navigate('deliveries', attempt.id);
  };
  const replay = async (force: boolean) => {
    setConfirming(false);
    setAction({ id, note: 'Replaying…' });
    try {
      const attempt = await call('deliveries.replay', { id: String(record.id), ...(force ? { force } : {}) });
      showAttempt(attempt, `Replayed as attempt ${attempt.attempt}: ${attempt.outcome}${force ? ' (forced)' : ''}.`);
    } catch (failure) {
      setAction({ id, note: (failure as Error).message });
    }
  };
  // An unverified delivery is replayed only once the user confirms it (the server refuses it otherwise).
  const askReplay = () => (record.signature === 'valid' ? void replay(false) : setConfirming(true));
  const replayedEdited = (attempt: DeliveryRecord) => {
    setEditing(false);
    showAttempt(attempt, `Edited body replayed as attempt ${attempt.attempt}: ${attempt.outcome}.`);
  };
  const exportHar = () => downloadText(`certbell-delivery-${record.id}.har`,
    `${JSON.stringify(harLog(record, raw, text, webhookUrl, __CERTBELL_VERSION__), null, 2)}\n`);
  const exportJson = () => downloadText(`certbell-delivery-${record.id}.json`,
    `${JSON.stringify({ ...record, rawBody: { base64: raw.base64, size: raw.size, text } }, null, 2)}\n`);

  return (
    <article className="detail" aria-label={`Delivery ${record.deliveryId}`}>
      <header className="detail-head">
        <h2>{record.commonName ?? record.deliveryId}</h2>
        <div className="actions">
          <button type="button" onClick={askReplay}>Replay</button>
          <button type="button" onClick={() => setEditing((open) => !open)} aria-expanded={editing}
            disabled={text === null} title={text === null ? 'Only a text body can be edited' : undefined}>Edit and replay</button>
          <CopyButton label="Copy as curl" text={() => curlCommand(record, webhookUrl, text)} />
          <button type="button" onClick={exportJson}>Export JSON</button>
          <button type="button" onClick={exportHar}>Export HAR</button>
        </div>
        {actionNote && <p role="status" className="muted" data-testid="action-note">{actionNote}</p>}
      </header>
      {confirming && <ReplayConfirm record={record} onConfirm={() => void replay(true)} onCancel={() => setConfirming(false)} />}
      {editing && text !== null && (
        <EditReplay key={record.id} record={record} initial={text} onClose={() => setEditing(false)} onReplayed={replayedEdited} />
      )}
      <DeliveryEdgeNotices record={record} />
      <section><h3>Summary</h3><Summary record={record} /></section>
      <section><h3>Signature</h3><SignaturePanel detail={record.signatureDetail} /></section>
      <section>
        <h3>Headers</h3>
        <table className="table compact" data-testid="headers">
          <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
          <tbody>{record.rawHeaders.map(([name, value], i) => <tr key={i}><td>{name}</td><td><code>{value}</code></td></tr>)}</tbody>
        </table>
      </section>
      <section>
        <h3>Raw body <span className="muted">({formatBytes(raw.size)}, exactly as received)</span></h3>
        <RawBodyView raw={raw} text={text} />
      </section>
      {text !== null && <section><details><summary><h3 className="inline">JSON tree</h3></summary><JsonTree text={text} /></details></section>}
      <section>
        <h3>Attempts</h3>
        <table className="table compact">
          <thead><tr><th scope="col">Attempt</th><th scope="col">Received</th><th scope="col">Outcome</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {record.attempts.map((a) => (
              <tr key={a.id} aria-current={a.id === record.id ? 'true' : undefined}>
                <td><a href={href('deliveries', a.id)}>#{a.attempt}</a></td><td><TimeAt iso={a.receivedAt} /></td>
                <td><span className={`badge outcome-${a.outcome}`}>{a.outcome}</span></td><td>{a.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section><h3>Hook runs</h3><HookRunList runs={record.hookRuns} /></section>
    </article>
  );
}
