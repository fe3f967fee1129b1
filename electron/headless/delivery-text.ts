/** The human view of one delivery for `certbell delivery <id>`. */
import type { DeliveryRecord } from '../core/store/delivery-types.ts';
import type { SignatureExplanation } from '../core/signature/verify.ts';
import { MISMATCH_HEADERS } from '../../shared/bridge/types.ts';
import { hookRunText } from './hook-run-text.ts';

function signatureLines(detail: SignatureExplanation | null, verdict: string): string[] {
  if (!detail) return [`Signature     ${verdict}`];
  const lines = [`Signature     ${verdict}: ${detail.reason}`];
  for (const r of detail.received) lines.push(`  received    ${r.algorithm}=${r.digest}…`);
  for (const t of detail.tried) {
    const hit = detail.matched && detail.matched.secret === t.secret && detail.matched.input === t.input
      && detail.matched.algorithm === t.algorithm;
    lines.push(`  tried       secret "${t.secret}" over ${t.input}: ${t.algorithm}=${t.computed}…${hit ? '  ✓ match' : ''}`);
  }
  return lines;
}

/** SPEC §11: headers the signed metadata overruled, and signed content repeated from another delivery. */
function edgeLines(d: DeliveryRecord): string[] {
  const lines: string[] = [];
  if (d.headerMismatch) {
    lines.push('Warning       headers disagreed with the signed metadata and were ignored');
    for (const [field, header] of MISMATCH_HEADERS) {
      const m = d.headerMismatch[field];
      if (m) lines.push(`  ${`${header}:`.padEnd(11)} header said "${m.header}", signed ${m.signed === null ? 'nothing' : `"${m.signed}"`}`);
    }
  }
  if (d.signatureDetail?.forcedReplay) {
    lines.push(`Warning       forced replay: its signature is ${d.signature}, replayed only because that was confirmed (--force)`);
  }
  if (d.replayOf) {
    lines.push(d.outcome === 'duplicate'
      ? `Replay of     delivery ${d.replayOf} (same signed content and event under another delivery id)`
      : `Replay of     delivery ${d.replayOf}: its signed data came again under another event (security notification raised)`);
  }
  return lines;
}

function bodyLines(d: DeliveryRecord): string[] {
  if (!d.bodyStored) return [`Body          not stored (${d.bodySize} bytes announced or received)`];
  let shown = d.body ?? '';
  try { shown = JSON.stringify(JSON.parse(shown), null, 2); } catch { /* shown as received */ }
  return [`Body          ${d.bodySize} bytes`, ...shown.split('\n').map((l) => `  ${l}`)];
}

export function deliveryText(d: DeliveryRecord): string {
  const lines = [
    `Delivery ${d.id}  ${d.outcome} (${d.status})  attempt ${d.attempt} of ${d.attempts.length}`,
    `Delivery id   ${d.deliveryId}`,
    `Event         ${d.event ?? '-'}`,
    `Entity id     ${d.entityId ?? '-'}`,
    `Certificate   ${d.certificateId ?? '-'}${d.commonName ? `  (${d.commonName})` : ''}`,
    `Received      ${d.receivedAt} from ${d.remoteAddress ?? '?'}${d.socketAddress && d.socketAddress !== d.remoteAddress ? ` via ${d.socketAddress}` : ''}`,
    ...edgeLines(d),
    `Request       ${d.method} ${d.path}`,
    ...signatureLines(d.signatureDetail, d.signature),
    ...(d.error ? [`Error         ${d.error}`] : []),
    `Response      ${d.status} ${d.response ?? ''}`,
    'Headers',
    ...d.rawHeaders.map(([name, value]) => `  ${name}: ${value}`),
    ...bodyLines(d),
  ];
  if (d.attempts.length > 1) {
    lines.push('Attempts');
    for (const a of d.attempts) lines.push(`  #${a.attempt}  record ${a.id}  ${a.receivedAt}  ${a.outcome} (${a.status})`);
  }
  if (d.hookRuns.length > 0) {
    lines.push('Hook runs');
    // Each run with what it wrote: a failed deploy is usually explained by its stderr.
    for (const h of d.hookRuns) lines.push(...hookRunText(h).trimEnd().split('\n').map((l) => `  ${l}`));
  }
  return `${lines.join('\n')}\n`;
}
