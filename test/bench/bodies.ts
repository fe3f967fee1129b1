/**
 * Signed delivery bodies of an exact size, each with a fresh delivery id. A body is a provider-like
 * sample (shared/openprovider) plus a filler note in `data` to reach the size.
 *
 * The generator must stay far cheaper than the server it loads (both share this 2-core machine),
 * so per request only the id bytes and the signature change, written in place into a reusable
 * per-connection request buffer, and the HMAC-SHA256 reuses the hash state of the constant part
 * before the id. For that the body lists `data` before `metadata` — member order has no meaning
 * in JSON and the server does the same work either way (parse, HMAC over the whole body).
 */
import { createHash, createHmac, randomBytes, type Hash } from 'node:crypto';
import { sampleDelivery } from '../../shared/openprovider/index.ts';

export interface SignedBody {
  deliveryId: string;
  body: Buffer;
  signature: string;
}

export interface BodyFactory {
  readonly bytes: number;
  readonly event: string;
  /** A fresh body (own buffer) and its `Signature` header value. */
  next(): SignedBody;
  /** A writer of whole HTTP requests for one connection: each call refills and returns the same buffer. */
  requestWriter(host: string, path: string): () => Buffer;
  /** How many delivery ids were handed out. */
  count(): number;
}

const PLACEHOLDER = '@@DELIVERY-ID@@';
const FILLER = 'Validation notes: the organization was reached by phone and confirmed the order. ';

/** HMAC-SHA256 of (constant prefix + variable tail), with the prefix hashed once. */
function prefixedHmac(secret: string, prefix: Buffer): (tail: Buffer) => string {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > 64) key = createHash('sha256').update(key).digest();
  const padded = Buffer.alloc(64);
  key.copy(padded);
  const xor = (byte: number) => Buffer.from(padded.map((b) => b ^ byte));
  const inner: Hash = createHash('sha256').update(xor(0x36)).update(prefix);
  const outer: Hash = createHash('sha256').update(xor(0x5c));
  return (tail) => outer.copy().update(inner.copy().update(tail).digest()).digest('hex');
}

function template(bytes: number, event: string, idLength: number): { prefix: Buffer; suffix: Buffer } {
  const { metadata, data } = sampleDelivery(event, { deliveryId: PLACEHOLDER, commonName: 'bench.example.com' });
  const withNote = (note: string) => JSON.stringify({ data: { ...(data as object), note }, metadata });
  const bare = Buffer.byteLength(withNote('')) - PLACEHOLDER.length + idLength;
  if (bare > bytes) throw new Error(`a ${event} sample is ${bare} bytes, more than ${bytes}`);
  const note = FILLER.repeat(Math.ceil((bytes - bare) / FILLER.length)).slice(0, bytes - bare);
  const [prefix, suffix] = withNote(note).split(PLACEHOLDER).map((part) => Buffer.from(part, 'utf8'));
  return { prefix, suffix };
}

export function bodyFactory(bytes: number, secret: string, event: string): BodyFactory {
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  const nextId = () => `bench-${run}-${String(++counter).padStart(10, '0')}`;
  const idLength = `bench-${run}-${'0'.repeat(10)}`.length;
  const { prefix, suffix } = template(bytes, event, idLength);
  const sign = prefixedHmac(secret, prefix);

  const check = Buffer.concat([prefix, Buffer.from('x'.repeat(idLength)), suffix]);
  if (sign(check.subarray(prefix.length)) !== createHmac('sha256', secret).update(check).digest('hex')) {
    throw new Error('the prefixed HMAC disagrees with node:crypto');
  }

  return {
    bytes,
    event,
    next() {
      const deliveryId = nextId();
      const body = Buffer.concat([prefix, Buffer.from(deliveryId, 'latin1'), suffix], bytes);
      return { deliveryId, body, signature: `sha256=${sign(body.subarray(prefix.length))}` };
    },
    requestWriter(host, path) {
      const head = `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n`
        + `Content-Type: application/json\r\nContent-Length: ${bytes}\r\nSignature: sha256=`;
      const request = Buffer.concat([Buffer.from(`${head}${'0'.repeat(64)}\r\n\r\n`, 'latin1'), prefix,
        Buffer.alloc(idLength), suffix]);
      const signatureAt = head.length;
      const idAt = request.length - suffix.length - idLength;
      const tail = request.subarray(idAt);
      // Safe to reuse: with one request in flight per connection, the next write happens only
      // after the answer to the previous one, i.e. after the server has read every byte of it.
      return () => {
        request.write(nextId(), idAt, 'latin1');
        request.write(sign(tail), signatureAt, 'latin1');
        return request;
      };
    },
    count: () => counter,
  };
}

/** Microseconds per request for one connection's writer (the whole client-side generator cost). */
export function generatorCostMicros(bytes: number, secret: string, event: string, iterations = 100_000): number {
  const write = bodyFactory(bytes, secret, event).requestWriter('127.0.0.1:1', '/webhook');
  for (let i = 0; i < 5000; i++) write();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) write();
  return ((performance.now() - started) * 1000) / iterations;
}
