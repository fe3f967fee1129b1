/**
 * How write requests travel to the store's writer thread: as records in a byte buffer — the
 * shared ring (writer-ring.ts), or a transferred buffer when the ring has no room. A delivery
 * is written field by field (strings UTF-8 with a length, the body as bytes): no JSON of the
 * whole record on the main thread, no structured clone, and the JSON columns (headers,
 * signature detail) are serialized once, here, for the insert. Other requests are JSON.
 *
 * Record: u32 length (a multiple of 4; 0 marks "continue at the ring's start"), u8 kind, fields.
 */
import type { NewDelivery } from '../delivery-types.ts';
import { jsonColumns, type DeliveryInsert } from './delivery-writes.ts';
import type { WriterRequest } from './writer-protocol.ts';

/** A request as the writer thread gets it. */
export type WireRequest = Exclude<WriterRequest, { op: 'add' }> | { op: 'add'; id: number; record: DeliveryInsert };

const ADD = 1;
const JSON_REQUEST = 2;
const NONE = 0xffffffff;
const HEADER = 5;

/** A delivery's strings in wire order; `extras` holds its hook runs, certificate and notifications. */
function addStrings(r: NewDelivery): (string | null)[] {
  const extras = r.hookRuns?.length || r.certificate || r.notifications?.length
    ? JSON.stringify({ hookRuns: r.hookRuns, certificate: r.certificate, notifications: r.notifications }) : null;
  const { headersJson, signatureDetailJson } = jsonColumns(r);
  return [r.deliveryId, r.method, r.path, r.remoteAddress, headersJson, r.outcome, r.response,
    r.signature, signatureDetailJson, r.event, r.entityId, r.commonName, r.certificateId, r.orderId, r.error, extras,
    r.socketAddress ?? null, r.headerMismatch ? JSON.stringify(r.headerMismatch) : null, r.replayOf ?? null, r.signedKey ?? null];
}

/** The request prepared for `encode`: its strings, and the most bytes its record can take. */
export interface Encodable {
  request: WriterRequest;
  strings: (string | null)[];
  maxBytes: number;
}

export function prepare(request: WriterRequest): Encodable {
  const strings = request.op === 'add' ? addStrings(request.record) : [JSON.stringify(request)];
  // Four bytes per string for its length, at most three bytes per UTF-16 unit.
  let maxBytes = HEADER + 3 + 4 * 8 + 1;
  for (const s of strings) maxBytes += 4 + (s === null ? 0 : 3 * s.length);
  if (request.op === 'add') maxBytes += 4 + (request.record.body?.length ?? 0);
  return { request, strings, maxBytes };
}

function writeString(buf: Buffer, at: number, s: string | null): number {
  if (s === null) {
    buf.writeUInt32LE(NONE, at);
    return at + 4;
  }
  const length = buf.write(s, at + 4);
  buf.writeUInt32LE(length, at);
  return at + 4 + length;
}

/** Writes the record at `at` (room for `maxBytes` is the caller's to ensure); returns its length. */
export function encode(buf: Buffer, at: number, { request, strings }: Encodable): number {
  let end = at + HEADER;
  if (request.op === 'add') {
    const r = request.record;
    buf.writeUInt8(ADD, at + 4);
    end = buf.writeDoubleLE(request.id, end);
    end = buf.writeDoubleLE(r.receivedAt, end);
    end = buf.writeDoubleLE(r.bodySize, end);
    end = buf.writeDoubleLE(r.status, end);
    end = buf.writeUInt8(r.dedupe ? 1 : 0, end);
    for (const s of strings) end = writeString(buf, end, s);
    if (r.body === null) end = buf.writeUInt32LE(NONE, end);
    else {
      end = buf.writeUInt32LE(r.body.length, end);
      end += r.body.copy(buf, end);
    }
  } else {
    buf.writeUInt8(JSON_REQUEST, at + 4);
    end = writeString(buf, end, strings[0]);
  }
  const length = (end - at + 3) & ~3;
  buf.writeUInt32LE(length, at);
  return length;
}

/** Reads the record at `at`. A delivery's body is a view into `buf`, valid while its bytes are. */
export function decode(buf: Buffer, at: number): WireRequest {
  let pos = at + HEADER;
  const string = (): string | null => {
    const length = buf.readUInt32LE(pos);
    pos += 4;
    if (length === NONE) return null;
    pos += length;
    return buf.toString('utf8', pos - length, pos);
  };
  if (buf.readUInt8(at + 4) === JSON_REQUEST) return JSON.parse(string()!) as WireRequest;
  const id = buf.readDoubleLE(pos);
  const receivedAt = buf.readDoubleLE(pos + 8);
  const bodySize = buf.readDoubleLE(pos + 16);
  const status = buf.readDoubleLE(pos + 24);
  const dedupe = buf.readUInt8(pos + 32) === 1;
  pos += 33;
  const [deliveryId, method, path, remoteAddress, headersJson, outcome, response, signature, signatureDetailJson,
    event, entityId, commonName, certificateId, orderId, error, extras, socketAddress, headerMismatchJson, replayOf,
    signedKey] = Array.from({ length: 20 }, string);
  const bodyLength = buf.readUInt32LE(pos);
  const body = bodyLength === NONE ? null : buf.subarray(pos + 4, pos + 4 + bodyLength);
  const record: DeliveryInsert = {
    deliveryId, receivedAt, method: method!, path: path!, remoteAddress, headersJson: headersJson!, body, bodySize,
    status, outcome: outcome as DeliveryInsert['outcome'], dedupe, response: response!,
    signature: signature as DeliveryInsert['signature'], signatureDetailJson, event, entityId, commonName,
    certificateId, orderId, error, socketAddress, headerMismatchJson, replayOf, signedKey,
    ...(extras ? JSON.parse(extras) as Pick<DeliveryInsert, 'hookRuns' | 'certificate' | 'notifications'> : {}),
  };
  return { op: 'add', id, record };
}

/** Requests the ring had no room for, as one transferable buffer of records. */
export function encodeAll(requests: readonly WriterRequest[]): ArrayBuffer {
  const prepared = requests.map(prepare);
  const buf = Buffer.from(new ArrayBuffer(prepared.reduce((sum, p) => sum + p.maxBytes + 3, 0)));
  let at = 0;
  for (const p of prepared) at += encode(buf, at, p);
  return buf.buffer.slice(0, at) as ArrayBuffer;
}

export function decodeAll(bytes: ArrayBuffer): WireRequest[] {
  const buf = Buffer.from(bytes);
  const requests: WireRequest[] = [];
  for (let at = 0; at < buf.length; at += buf.readUInt32LE(at)) requests.push(decode(buf, at));
  return requests;
}
