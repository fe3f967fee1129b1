/** Delivery records as the store keeps them and as the CLI and API show them. */
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { HookRunRecord } from '../hooks/hook-types.ts';
import type { DeliveryOutcome, HeaderMismatch } from '../../../shared/bridge/types.ts';
import type { SignatureExplanation, SignatureVerdict } from '../signature/verify.ts';

export { DELIVERY_OUTCOMES, type DeliveryOutcome, type DeliveryRecord, type DeliverySummary } from '../../../shared/bridge/types.ts';

/**
 * What arrived: the request as received (method, path, headers, exact body), its signature
 * verdict, and what the body (or its signed metadata) says it is about. Ingest builds it once;
 * a replay builds it from a stored record.
 */
export interface ReceivedDelivery {
  /** null: a fresh id is generated. */
  deliveryId: string | null;
  receivedAt: number;
  method: string;
  path: string;
  remoteAddress: string | null;
  /** The socket peer, when it differs in meaning from `remoteAddress` (SPEC §11); null for replays. */
  socketAddress?: string | null;
  /** Node's rawHeaders: names as sent, in order, duplicates kept. */
  rawHeaders: string[];
  body: Buffer | null;
  bodySize: number;
  signature: SignatureVerdict;
  signatureDetail: SignatureExplanation | null;
  /** The verifier's key of the signed content (verify.ts `signedKey`). */
  signedKey?: string | null;
  /** Headers the signed metadata overruled (SPEC §11). */
  headerMismatch?: HeaderMismatch | null;
  event: string | null;
  entityId: string | null;
  commonName: string | null;
  certificateId: string | null;
  orderId: string | null;
}

/** What Certbell decided about a received delivery, and answers (SPEC §3, §5, §11). */
export interface DeliveryVerdict {
  status: number;
  outcome: DeliveryOutcome;
  /** Only for a would-be `accepted` record: the store makes it `duplicate` at commit if the id was accepted before. */
  dedupe: boolean;
  /** The answer's body; empty: the store writes `{"status":…,"delivery":…}` with the outcome it decided. */
  response: string;
  error: string | null;
  /** The delivery id whose signed content this one repeats (SPEC §11). */
  replayOf?: string | null;
}

/** What a processed attempt brings along, stored in the same transaction as its record. */
export interface DeliveryEffects {
  /** Hook runs of this attempt. */
  hookRuns?: HookRunRecord[];
  /** The inventory change (with the expiry schedule's marks); only an accepted delivery has one. */
  certificate?: CertificateRecord | null;
  /** Notification history rows, shown or not. */
  notifications?: NewNotification[];
}

/**
 * A record to store: one delivery's unit of work, what arrived and what was decided about it.
 * For verified deliveries the store decides `accepted` vs `duplicate` at commit.
 */
export type NewDelivery = ReceivedDelivery & DeliveryVerdict & DeliveryEffects;

export interface StoredDelivery {
  id: number;
  deliveryId: string;
  attempt: number;
  outcome: DeliveryOutcome;
  status: number;
  response: string;
}




/** The filters of a deliveries list, the same for the CLI and the UI. */
export interface DeliveryQuery {
  event?: string;
  outcome?: DeliveryOutcome;
  signature?: SignatureVerdict;
  /** A substring of the common name or the delivery id. */
  search?: string;
  certificateId?: string;
  /** Received at or after this instant (ms since the epoch). */
  since?: number;
  /** Received before this instant (ms, exclusive). */
  until?: number;
  limit?: number;
  /** Rows with a smaller id only (paging backwards). */
  beforeId?: number;
}

/** A notification to record in the history, shown or not (and why not). */
export interface NewNotification {
  kind: string;
  title: string;
  body: string;
  urgency: string;
  certificateId: string | null;
  deliveryId: string | null;
  createdAt: number;
  shown: boolean;
  reason: string | null;
}
