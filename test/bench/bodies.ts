/**
 * Signed delivery bodies of an exact size, each with a fresh delivery id. A body is a provider-like
 * sample (shared/openprovider) with a filler note in `data` to reach the size; per request only
 * the id bytes change, so the generator is a concat plus one HMAC — cheap, and measured.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { sampleDelivery } from '../../shared/openprovider/index.ts';
import { signatureHeader } from '../../electron/core/signature/sign.ts';

export interface SignedBody {
  deliveryId: string;
  body: Buffer;
  signature: string;
}

export interface BodyFactory {
  readonly bytes: number;
  readonly event: string;
  next(): SignedBody;
  /** How many bodies were handed out (= unique delivery ids). */
  count(): number;
}

const PLACEHOLDER = '@@DELIVERY-ID@@';
const FILLER = 'Validation notes: the organization was reached by phone and confirmed the order. ';

/** A fresh id of fixed length, so every body of a factory has exactly the same size. */
function idMaker(): () => string {
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  return () => `bench-${run}-${String(++counter).padStart(10, '0')}`;
}

export function bodyFactory(bytes: number, secret: string, event: string): BodyFactory {
  const nextId = idMaker();
  const idLength = nextId().length;
  const delivery = sampleDelivery(event, { deliveryId: PLACEHOLDER, commonName: 'bench.example.com' });
  const data = delivery.data as Record<string, unknown>;
  const withNote = (note: string) => JSON.stringify({ ...delivery, data: { ...data, note } });
  const bare = Buffer.byteLength(withNote('')) - PLACEHOLDER.length + idLength;
  if (bare > bytes) throw new Error(`a ${event} sample is ${bare} bytes, more than ${bytes}`);
  const note = FILLER.repeat(Math.ceil((bytes - bare) / FILLER.length)).slice(0, bytes - bare);
  const [prefix, suffix] = withNote(note).split(PLACEHOLDER).map((part) => Buffer.from(part, 'utf8'));
  let handedOut = 0;
  return {
    bytes,
    event,
    next() {
      const deliveryId = nextId();
      const body = Buffer.concat([prefix, Buffer.from(deliveryId, 'latin1'), suffix], bytes);
      handedOut++;
      return { deliveryId, body, signature: signatureHeader(body, secret) };
    },
    count: () => handedOut,
  };
}

/** autocannon's per-request hook: a fresh body and its signature. */
export function setupRequestFor(factory: BodyFactory) {
  return (request: { body?: Buffer; headers: Record<string, string> }) => {
    const signed = factory.next();
    request.body = signed.body;
    request.headers.Signature = signed.signature;
    return request;
  };
}

type BuildRequest = (reqData: object, context: object) => Buffer | null;

/**
 * The client-side cost of one request as autocannon pays it with `setupRequest`: our body and
 * HMAC plus autocannon's own request-buffer build. Returns microseconds per request.
 */
export function generatorCostMicros(bytes: number, secret: string, event: string, iterations = 30_000): number {
  const require = createRequire(import.meta.url);
  const requestBuilder = require('autocannon/lib/httpRequestBuilder.js') as (defaults: object) => BuildRequest;
  const factory = bodyFactory(bytes, secret, event);
  const build = requestBuilder({ method: 'POST', path: '/webhook', hostname: '127.0.0.1', port: 1,
    headers: { 'Content-Type': 'application/json' }, setupRequest: setupRequestFor(factory) });
  for (let i = 0; i < 2000; i++) build({}, {});
  const started = performance.now();
  let total = 0;
  for (let i = 0; i < iterations; i++) total += build({}, {})!.length;
  const micros = ((performance.now() - started) * 1000) / iterations;
  if (total === 0) throw new Error('the request builder produced nothing');
  return micros;
}
