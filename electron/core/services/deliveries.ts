/**
 * Deliveries, as every face uses them: the list with every filter, one record, its exact body,
 * and replay (as stored, or with an edited body) through the whole pipeline as a new attempt.
 */
import { summarizeBody } from '../../../shared/openprovider/payloads.ts';
import { DEFAULT_HISTOGRAM_HOURS, type DeliveryHistogram, type RawBody, type ReachabilityResult } from '../../../shared/bridge/index.ts';
import { firstSecret } from '../config/config-file.ts';
import { checkReachability } from '../tunnel/reachability.ts';
import type { DeliveryFacts } from '../hooks/hook-context.ts';
import { editedSignatureDetail } from '../signature/verify.ts';
import type { DeliveryRecord, DeliveryQuery, DeliverySummary, ReceivedDelivery } from '../store/delivery-types.ts';
import type { SignatureExplanation, SignatureVerdict } from '../../../shared/bridge/types.ts';
import { invalid, notFound, ServiceError } from './service-error.ts';
import type { ServiceParts } from './service-parts.ts';

const HOUR_MS = 3_600_000;

export interface StoredDeliveryFacts {
  detail: DeliveryRecord;
  facts: DeliveryFacts;
}

/**
 * A replay of a delivery whose signature was not `valid` would run its hooks and change the
 * inventory as if the provider had sent it (a forged delivery turned into an accepted one), so it
 * needs the caller's explicit confirmation (`force`): the CLI's --force, the inspector's dialog.
 */
export class ReplayNeedsConfirmation extends ServiceError {
  readonly recordId: number;
  readonly verdict: SignatureVerdict;
  constructor(detail: DeliveryRecord) {
    const why = detail.signatureDetail?.reason ? ` (${detail.signatureDetail.reason})` : '';
    super('conflict', `delivery ${detail.id} is not replayed without confirmation: its signature is ${detail.signature}${why}, `
      + 'and a replay would run its hooks and apply it to the inventory as if the provider had sent it');
    this.recordId = detail.id;
    this.verdict = detail.signature;
  }
}

/** What the new attempt of a confirmed replay keeps of it: the original's explanation, marked as forced. */
function forcedDetail(detail: DeliveryRecord): SignatureExplanation {
  const base = detail.signatureDetail ?? { verdict: detail.signature, reason: `signature ${detail.signature}`, received: [], matched: null, tried: [] };
  return base.forcedReplay ? base : { ...base, reason: `${base.reason}; replayed anyway (confirmed)`, forcedReplay: true };
}

function parseObject(body: Buffer): Record<string, unknown> | null {
  let parsed: unknown;
  try { parsed = JSON.parse(body.toString('utf8')); } catch { return null; }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : null;
}

/** The original headers, with Content-Length telling the edited body's size. */
function editedHeaders(rawHeaders: [string, string][], size: number): string[] {
  return rawHeaders.flatMap(([name, value]) => [name, name.toLowerCase() === 'content-length' ? String(size) : value]);
}

export class DeliveryService {
  private readonly parts: ServiceParts;

  constructor(parts: ServiceParts) {
    this.parts = parts;
  }

  /** Newest first. */
  list(query: DeliveryQuery = {}): DeliverySummary[] {
    return this.parts.store.reads.list(query);
  }

  /** One list row by record id (the pushed `delivery` event). */
  summary(id: number): DeliverySummary | undefined {
    return this.parts.store.reads.summary(id);
  }

  /** By record id, else by delivery id (its latest attempt). */
  find(id: string): DeliveryRecord {
    const detail = this.parts.store.reads.find(id);
    if (!detail) throw notFound(`no delivery "${id}"`);
    return detail;
  }

  /** The exact body bytes as received; null when none was kept (e.g. 413). */
  rawBytes(id: string): { detail: DeliveryRecord; body: Buffer | null } {
    const detail = this.find(id);
    return { detail, body: this.parts.store.reads.rawBody(detail.id) };
  }

  raw(id: string): RawBody {
    const { detail, body } = this.rawBytes(id);
    return { id: detail.id, base64: body ? body.toString('base64') : null, size: detail.bodySize };
  }

  /** A stored delivery whose body is a JSON object, ready to go through hooks again. */
  facts(id: string): StoredDeliveryFacts {
    const { detail, body } = this.rawBytes(id);
    if (!body) throw invalid(`delivery ${detail.id} has no stored body (${detail.error ?? 'not kept'})`);
    const parsed = parseObject(body);
    if (!parsed) throw invalid(`delivery ${detail.id} has no JSON object body, so hooks cannot run on it`);
    return { detail, facts: { deliveryId: detail.deliveryId, event: detail.event, entityId: detail.entityId, body, parsed } };
  }

  /**
   * The stored body through the whole pipeline again, as a new attempt of the same delivery id.
   * A delivery whose signature was not `valid` needs `force` (ReplayNeedsConfirmation otherwise);
   * the new attempt keeps its verdict, and `signatureDetail.forcedReplay` records the confirmation.
   */
  async replay(id: string, options: { force?: boolean } = {}): Promise<DeliveryRecord> {
    const { detail, facts } = this.facts(id);
    const verified = detail.signature === 'valid';
    if (!verified && options.force !== true) throw new ReplayNeedsConfirmation(detail);
    return this.attempt(detail, facts, {
      remoteAddress: `replay of record ${detail.id}`, rawHeaders: detail.rawHeaders.flat(),
      signature: detail.signature, signatureDetail: verified ? detail.signatureDetail : forcedDetail(detail),
      commonName: detail.commonName, certificateId: detail.certificateId, orderId: detail.orderId,
    });
  }

  /**
   * An edited body as a new attempt of the same delivery id. Its event, entity and certificate come
   * from the edited body (falling back to the original's); it was never signed, so it is `unverified`.
   */
  async replayEdited(id: string, text: string): Promise<DeliveryRecord> {
    const detail = this.find(id);
    const body = Buffer.from(text, 'utf8');
    const parsed = parseObject(body);
    if (!parsed) throw invalid('the edited body must be a JSON object (it does not parse, or is not an object)');
    const summary = summarizeBody(parsed);
    const event = summary.event ?? detail.event;
    const entityId = summary.entityId ?? detail.entityId;
    return this.attempt(detail, { deliveryId: detail.deliveryId, event, entityId, body, parsed }, {
      remoteAddress: `edited replay of record ${detail.id}`, rawHeaders: editedHeaders(detail.rawHeaders, body.length),
      signature: 'unverified', signatureDetail: editedSignatureDetail(detail.id),
      commonName: summary.commonName, certificateId: summary.certificateId, orderId: summary.orderId,
    });
  }

  /** A new attempt of a stored delivery's id, with these facts, through the whole pipeline (de-duplication does not apply). */
  private async attempt(detail: DeliveryRecord, facts: DeliveryFacts, arrived: Pick<ReceivedDelivery, 'remoteAddress'
    | 'rawHeaders' | 'signature' | 'signatureDetail' | 'commonName' | 'certificateId' | 'orderId'>): Promise<DeliveryRecord> {
    const stored = await this.parts.processor().process({
      ...arrived, deliveryId: detail.deliveryId, receivedAt: this.parts.now(), method: detail.method, path: detail.path,
      body: facts.body, bodySize: facts.body.length, event: facts.event, entityId: facts.entityId,
    }, facts, { replay: true });
    return this.find(String(stored.id));
  }

  /** Deliveries per hour by outcome: the last `hours` whole hours, the current one last. */
  histogram(hours = DEFAULT_HISTOGRAM_HOURS): DeliveryHistogram {
    const from = (Math.floor(this.parts.now() / HOUR_MS) - hours + 1) * HOUR_MS;
    const buckets = this.parts.store.reads.histogram(from, HOUR_MS, hours)
      .map(({ start, ...counts }) => ({ start: new Date(start).toISOString(), ...counts }));
    return { from: new Date(from).toISOString(), until: new Date(from + hours * HOUR_MS).toISOString(), bucketMs: HOUR_MS, buckets };
  }

  /**
   * The first-run card's test: a signed `certbell.test` delivery to this listener, as the provider
   * would post it (stored, answered, but no hooks, inventory change or notification).
   */
  sendTest(): Promise<ReachabilityResult> {
    if (!this.parts.listener) throw invalid('no listener runs in this process');
    const { webhookUrl } = this.parts.listener();
    return checkReachability(webhookUrl, {
      secret: firstSecret(this.parts.config()), received: (deliveryId) => this.received(deliveryId), timeoutMs: 5_000,
    });
  }

  /** Whether a delivery id was ever received here (the tunnel check's test delivery). */
  received(deliveryId: string): boolean {
    return this.parts.store.firstReceivedAt(deliveryId) !== null;
  }
}
