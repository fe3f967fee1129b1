/**
 * The decision for a fully read webhook request (SPEC §3 rows from 401 on): verify, parse,
 * store durably, answer. Requests that never got a body read (413, 408) go through `rejectUnread`.
 */
import { randomUUID } from 'node:crypto';
import { isCheckDelivery } from '../../../shared/bridge/types.ts';
import { summarizeBody } from '../../../shared/openprovider/payloads.ts';
import type { DeliveryProcessor } from '../pipeline/delivery-processor.ts';
import type { Logger } from '../logger.ts';
import type { RejectLimiter } from './reject-limiter.ts';
import { verifySignature, type Hmac, type SignatureInputMode, type VerifyKey, type VerifyResult } from '../signature/verify.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { DeliveryVerdict, ReceivedDelivery } from '../store/delivery-types.ts';
import { headerText, jsonReply, type Reply, type ReceivedRequest } from './received-request.ts';
import { signedIdentity } from './signed-identity.ts';

export interface IngestSettings {
  keys: readonly VerifyKey[];
  signatureInput: SignatureInputMode;
  allowUnsigned: boolean;
}

export interface IngestDeps {
  store: DeliveryStore;
  processor: DeliveryProcessor;
  /** A delivery was refused for its signature (feeds the rate-limited security notification). */
  onSignatureRejected?: () => void;
  limiter: RejectLimiter;
  settings: () => IngestSettings;
  logger: Logger;
  /** Computes the signature HMACs; tests inject one that counts them. */
  hmac?: Hmac;
}

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; value: unknown; error: string };

function parseBody(body: Buffer): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, value: undefined, error: 'body is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, value, error: 'body is not a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

type SignatureFields = Pick<ReceivedDelivery, 'signature' | 'signatureDetail'>;

/** What arrived: the request, its signature verdict, and what its headers (else its body) say it is about. */
function receivedDelivery(req: ReceivedRequest, parsedValue: unknown, signature: SignatureFields): ReceivedDelivery {
  const summary = summarizeBody(parsedValue);
  return {
    deliveryId: headerText(req.headers, 'delivery') ?? summary.deliveryId,
    receivedAt: req.receivedAt,
    method: req.method,
    path: req.path,
    remoteAddress: req.remoteAddress,
    socketAddress: req.socketAddress ?? null,
    rawHeaders: req.rawHeaders,
    body: req.body,
    bodySize: req.body.length,
    ...signature,
    event: headerText(req.headers, 'event') ?? summary.event,
    entityId: headerText(req.headers, 'entity-id') ?? summary.entityId,
    commonName: summary.commonName,
    certificateId: summary.certificateId,
    orderId: summary.orderId,
  };
}

function signatureFields(signature: VerifyResult): SignatureFields {
  return { signature: signature.verdict, signatureDetail: signature.detail };
}

export class Ingest {
  private readonly deps: IngestDeps;

  constructor(deps: IngestDeps) {
    this.deps = deps;
  }

  async handle(req: ReceivedRequest): Promise<Reply> {
    const settings = this.deps.settings();
    // An address past its rejection budget costs no parse and no HMAC (SPEC §11).
    const address = req.remoteAddress ?? 'unknown';
    if (this.deps.limiter.isOver(address, req.receivedAt)) return this.throttled(address, req.receivedAt);
    const parsed = parseBody(req.body);
    const signature = verifySignature({
      header: headerText(req.headers, 'signature') ?? undefined,
      body: req.body,
      parsed: parsed.ok ? parsed.value : undefined,
      keys: settings.keys,
      mode: settings.signatureInput,
      allowUnsigned: settings.allowUnsigned,
      hmac: this.deps.hmac,
    });
    const received = receivedDelivery(req, parsed.value, signatureFields(signature));
    // Signed metadata wins over the headers when the signature covers the whole body (SPEC §11).
    const identity = parsed.ok && signature.detail.matched?.input === 'body' ? signedIdentity(req.headers, parsed.value) : null;
    if (identity) Object.assign(received, identity);
    if (signature.rejection) {
      // A failing reachability check reports the 401 itself; it is not an attack to warn about.
      if (!isCheckDelivery(received.deliveryId)) this.deps.onSignatureRejected?.();
      return this.reject(req, received, 401, signature.rejection);
    }
    if (!parsed.ok) return this.reject(req, received, 400, parsed.error);
    const deliveryId = received.deliveryId ?? randomUUID();
    if (isCheckDelivery(deliveryId)) return this.storeCheck({ ...received, deliveryId });
    const facts = { deliveryId, event: received.event, entityId: received.entityId, body: req.body, parsed: parsed.value };
    try {
      const stored = await this.deps.processor.process({ ...received, deliveryId, signedKey: signature.signedKey }, facts);
      // A new delivery under a valid signature: its connection is a known sender's (the listener keeps it open longer).
      return { status: stored.status, body: stored.response, trusted: stored.outcome === 'accepted' && signature.verdict === 'valid' };
    } catch (error) {
      this.deps.logger.error(`store: could not store delivery ${deliveryId}: ${(error as Error).message}`);
      return jsonReply(500, { error: 'could not store the delivery' });
    }
  }

  /**
   * A reachability check's test delivery (reserved delivery id prefix): stored as accepted, so the
   * check can see it arrived, but it runs no hooks, changes no certificate and raises no notification.
   */
  private storeCheck(received: ReceivedDelivery): Promise<Reply> {
    const reply = jsonReply(200, { status: 'accepted', delivery: received.deliveryId });
    return this.store(received, { status: 200, outcome: 'accepted', dedupe: false, response: reply.body, error: null });
  }

  /** A request answered before its body was read (413 too large, 408 too slow): stored without a body. */
  rejectUnread(req: Omit<ReceivedRequest, 'body'>, bodySize: number, status: number, error: string,
    headers?: Record<string, string>): Promise<Reply> {
    const empty = { ...req, body: Buffer.alloc(0) };
    // Nothing could be checked: `invalid` when a signature came with it, as `missing` would say none was sent.
    const signature = headerText(req.headers, 'signature') ? 'invalid' : 'missing';
    const received: ReceivedDelivery = { ...receivedDelivery(empty, undefined, { signature, signatureDetail: null }),
      body: null, bodySize };
    return this.reject(empty, received, status, error, headers);
  }

  /**
   * The answer for a request whose headers are in, before its body is read: a 429 when its address
   * is already past its rejection budget (its body would cost memory and parsing for nothing).
   */
  refuseEarly(remoteAddress: string | null, now: number): Reply | null {
    const address = remoteAddress ?? 'unknown';
    return this.deps.limiter.isOver(address, now) ? this.throttled(address, now) : null;
  }

  /** 429 without a record: the address is past its budget and its first 429 was stored. */
  private throttled(address: string, now: number): Reply {
    this.deps.limiter.note(address, now);
    return jsonReply(429, { error: 'too many rejected requests' }, { 'Retry-After': String(this.deps.limiter.retryAfterSeconds(address, now)) });
  }

  private async reject(req: ReceivedRequest, received: ReceivedDelivery, status: number, error: string,
    headers?: Record<string, string>): Promise<Reply> {
    const address = req.remoteAddress ?? 'unknown';
    const limit = this.deps.limiter.note(address, req.receivedAt);
    if (limit !== 'allow') {
      const retryAfter = String(this.deps.limiter.retryAfterSeconds(address, req.receivedAt));
      const reply = jsonReply(429, { error: 'too many rejected requests' }, { 'Retry-After': retryAfter });
      if (limit === 'throttle-first') {
        this.deps.logger.warn(`listener: throttling rejected requests from ${address} for ${retryAfter}s`);
        await this.store(received, { status: 429, outcome: 'rejected', dedupe: false, response: reply.body,
          error: `${error}; further rejected requests from ${address} are answered 429 and not stored` }, reply.headers);
      }
      return reply;
    }
    const reply = jsonReply(status, { error }, headers);
    return this.store(received, { status, outcome: 'rejected', dedupe: false, response: reply.body, error }, headers);
  }

  /** Answered once its record is durable (SPEC §3). */
  private async store(received: ReceivedDelivery, verdict: DeliveryVerdict, headers?: Record<string, string>): Promise<Reply> {
    try {
      const stored = await this.deps.store.add({ ...received, ...verdict });
      if (stored.outcome === 'rejected') {
        this.deps.logger.warn(`delivery ${stored.id} rejected (${stored.status}): ${verdict.error} from ${received.remoteAddress}`);
      }
      return { status: stored.status, body: stored.response, headers };
    } catch (error) {
      this.deps.logger.error(`store: could not store a delivery: ${(error as Error).message}`);
      return jsonReply(500, { error: 'could not store the delivery' });
    }
  }
}
