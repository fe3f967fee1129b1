import { describe, expect, it } from 'vitest';
import { toInsert } from '../../../../../../electron/core/store/write/delivery-writes.ts';
import { decode, decodeAll, encode, encodeAll, prepare } from '../../../../../../electron/core/store/write/writer-wire.ts';
import type { WriterRequest } from '../../../../../../electron/core/store/write/writer-protocol.ts';
import { newDelivery } from '../store-fixtures.ts';

const certificate = {
  id: 'c-1', commonName: 'example.com', orderId: 'o-1', orderStatus: 'ACT', status: 'issued', operation: null,
  expireAt: 1, activatedAt: 2, preValidationStatus: null, failedValidators: ['dns'], lastEvent: 'ssl_panel.issued',
  lastDelivery: 'd-1', eventAt: 3, updatedAt: 4, expiry: { notifiedDays: [30], expiredNotified: false },
} as const;

/** What the writer should get for a request: deliveries with their JSON columns serialized. */
function expected(request: WriterRequest): unknown {
  if (request.op !== 'add') return request;
  const { hookRuns, certificate: cert, notifications, ...record } = toInsert(request.record);
  const extras = hookRuns?.length || cert || notifications?.length ? { hookRuns, certificate: cert, notifications } : {};
  return { ...request, record: { ...record, body: record.body ? Buffer.from(record.body) : null, ...JSON.parse(JSON.stringify(extras)) } };
}

describe('writer wire format', () => {
  const pool = Buffer.from([9, 9, 0, 1, 2, 255, 0xc3, 0x28, 9]);
  const requests: WriterRequest[] = [
    // A body that is a view into a larger buffer, as the HTTP parser hands them out.
    { op: 'add', id: 1, record: newDelivery({ deliveryId: 'one', body: pool.subarray(2, 8) }) },
    { op: 'add', id: 2, record: newDelivery({ deliveryId: null, body: null, bodySize: 99, remoteAddress: null, event: null, error: 'too large' }) },
    { op: 'prune', id: 3, limits: { maxDeliveries: 5, maxDays: 1 }, now: 1234 },
    { op: 'add', id: 4, record: newDelivery({
      deliveryId: 'thrée ✓', body: Buffer.from('{"x":"é"}'), commonName: '日本.example', dedupe: true,
      signatureDetail: { header: 'sha256=ab', candidates: [] } as never, certificate: certificate as never,
      notifications: [{ kind: 'issued', title: 'Issued', body: 'x', urgency: 'normal', certificateId: 'c-1', deliveryId: null,
        createdAt: 5, shown: true, reason: null }] as never,
      hookRuns: [{ hook: 'h', stage: 'pre', startedAt: 1, durationMs: 2, exitCode: 0, signal: null, timedOut: false,
        stdout: 'ok\n', stderr: '', error: null }] as never,
    }) },
    { op: 'add', id: 6, record: newDelivery({ deliveryId: 'edge', socketAddress: '127.0.0.1', remoteAddress: '203.0.113.9',
      headerMismatch: { event: { header: 'ssl_panel.issued', signed: 'ssl_panel.created' } }, replayOf: 'first',
      signedKey: 'body:sha256:00ff' }) },
    { op: 'close', id: 5 },
  ];

  it('round-trips every kind of request at any offset: fields equal, bodies byte-exact, nulls kept', () => {
    const buf = Buffer.alloc(64 * 1024);
    let at = 12;
    for (const request of requests) {
      const length = encode(buf, at, prepare(request));
      expect(length % 4).toBe(0);
      expect(length).toBeLessThanOrEqual(prepare(request).maxBytes + 3);
      expect(buf.readUInt32LE(at)).toBe(length);
      expect(decode(buf, at)).toEqual(expected(request));
      at += length;
    }
  });

  it('round-trips a transferred buffer of records (what the ring had no room for), in order', () => {
    const bytes = encodeAll(requests);
    expect(decodeAll(structuredClone(bytes))).toEqual(requests.map(expected));
  });

  it('keeps a delivery body as a view into the buffer (no copy until the insert binds it)', () => {
    const buf = Buffer.alloc(4096);
    encode(buf, 0, prepare(requests[0]));
    const decoded = decode(buf, 0) as Extract<ReturnType<typeof decode>, { op: 'add' }>;
    expect(decoded.record.body!.buffer).toBe(buf.buffer);
    expect(decoded.record.body).toEqual(Buffer.from([0, 1, 2, 255, 0xc3, 0x28]));
  });
});
