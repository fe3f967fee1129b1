/** Mapping of SQLite rows to the shapes the CLI and API show. */
import { isUtf8 } from 'node:buffer';
import type { HookRunRecord, HookStage } from '../../hooks/hook-types.ts';
import type { SignatureVerdict } from '../../signature/verify.ts';
import type { DeliveryRecord, DeliveryOutcome, DeliverySummary } from '../delivery-types.ts';

export interface DeliveryRow {
  id: number;
  delivery_id: string;
  attempt: number;
  received_at: number;
  method: string;
  path: string;
  remote_address: string | null;
  headers: string;
  body: Uint8Array | null;
  body_size: number;
  status: number;
  outcome: DeliveryOutcome;
  response: string | null;
  signature: SignatureVerdict;
  signature_detail: string | null;
  event: string | null;
  entity_id: string | null;
  common_name: string | null;
  certificate_id: string | null;
  order_id: string | null;
  error: string | null;
  socket_address: string | null;
  header_mismatch: string | null;
  replay_of: string | null;
}

export function toSummary(row: DeliveryRow): DeliverySummary {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    attempt: row.attempt,
    receivedAt: new Date(row.received_at).toISOString(),
    event: row.event,
    entityId: row.entity_id,
    commonName: row.common_name,
    signature: row.signature,
    outcome: row.outcome,
    status: row.status,
  };
}

/** Header names lower-cased; a header sent more than once becomes an array. */
export function headerObject(pairs: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function pairs(rawHeaders: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) out.push([rawHeaders[i], rawHeaders[i + 1]]);
  return out;
}

export interface HookRunDbRow {
  hook: string;
  stage: HookStage;
  started_at: string;
  duration_ms: number;
  exit_code: number | null;
  signal: string | null;
  timed_out: number;
  stdout: string;
  stderr: string;
  error: string | null;
}

function toHookRun(r: HookRunDbRow): HookRunRecord {
  return { hook: r.hook, stage: r.stage, startedAt: r.started_at, durationMs: r.duration_ms, exitCode: r.exit_code,
    signal: r.signal, timedOut: r.timed_out === 1, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

export function toDetail(row: DeliveryRow, attempts: DeliveryRow[], runs: HookRunDbRow[] = []): DeliveryRecord {
  const rawHeaders = pairs(JSON.parse(row.headers) as string[]);
  const body = row.body ? Buffer.from(row.body) : null;
  return {
    ...toSummary(row),
    method: row.method,
    path: row.path,
    remoteAddress: row.remote_address,
    socketAddress: row.socket_address ?? null,
    headerMismatch: row.header_mismatch ? JSON.parse(row.header_mismatch) : null,
    replayOf: row.replay_of ?? null,
    headers: headerObject(rawHeaders),
    rawHeaders,
    body: body ? body.toString('utf8') : null,
    ...(body && !isUtf8(body) ? { bodyBase64: body.toString('base64') } : {}),
    bodySize: row.body_size,
    bodyStored: row.body !== null,
    response: row.response,
    signatureDetail: row.signature_detail ? JSON.parse(row.signature_detail) : null,
    certificateId: row.certificate_id,
    orderId: row.order_id,
    error: row.error,
    attempts: attempts.map((a) => ({
      id: a.id, attempt: a.attempt, receivedAt: new Date(a.received_at).toISOString(), outcome: a.outcome, status: a.status,
    })),
    hookRuns: runs.map(toHookRun),
  };
}

/** The columns a delivery summary (lists, attempts) reads. */
export const SUMMARY_COLUMNS = 'id, delivery_id, attempt, received_at, event, entity_id, common_name, signature, outcome, status';
