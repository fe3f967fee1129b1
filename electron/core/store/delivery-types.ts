/** Delivery records as the store keeps them and as the CLI and API show them. */
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { HookRun } from '../hooks/hook-types.ts';
import type { DeliveryOutcome, DeliveryRecord, DeliverySummary, HeaderMismatch } from '../../../shared/bridge/types.ts';
import type { SignatureDetail, SignatureVerdict } from '../signature/verify.ts';

export { DELIVERY_OUTCOMES, type DeliveryOutcome } from '../../../shared/bridge/types.ts';

/** A request to store; for verified deliveries the store decides `accepted` vs `duplicate` at commit. */
export interface NewDelivery {
  /** null: a fresh id is generated. */
  deliveryId: string | null;
  receivedAt: number;
  method: string;
  path: string;
  remoteAddress: string | null;
  /** The socket peer, when it differs in meaning from `remoteAddress` (SPEC §11); null for replays. */
  socketAddress?: string | null;
  /** Headers the signed metadata overruled (SPEC §11). */
  headerMismatch?: HeaderMismatch | null;
  /** The delivery id whose signed content this one repeats (SPEC §11). */
  replayOf?: string | null;
  /** The verifier's key of the signed content (verify.ts `signedKey`). */
  signedKey?: string | null;
  /** Node's rawHeaders: names as sent, in order, duplicates kept. */
  rawHeaders: string[];
  body: Buffer | null;
  bodySize: number;
  status: number;
  outcome: DeliveryOutcome;
  /** Only for a would-be `accepted` record: becomes `duplicate` if the id was accepted before. */
  dedupe: boolean;
  response: string;
  signature: SignatureVerdict;
  signatureDetail: SignatureDetail | null;
  event: string | null;
  entityId: string | null;
  commonName: string | null;
  certificateId: string | null;
  orderId: string | null;
  error: string | null;
  /** Hook runs of this attempt, stored in the same transaction. */
  hookRuns?: HookRun[];
  /** The inventory change and notification history this attempt brings, same transaction. */
  certificate?: CertificateRecord | null;
  notifications?: NewNotification[];
}

export interface StoredDelivery {
  id: number;
  deliveryId: string;
  attempt: number;
  outcome: DeliveryOutcome;
  status: number;
  response: string;
}

/** The list row of `certbell deliveries --json` (SPEC §9): the bridge's type, one definition. */
export type DeliverySummaryRow = DeliverySummary;

export type HookRunRow = HookRun;

/** One record in full (`certbell delivery <id> --json`). */
export type DeliveryDetail = DeliveryRecord;

/** The filters of a deliveries list, the same for the CLI and the UI. */
export interface DeliveryQuery {
  event?: string;
  outcome?: DeliveryOutcome;
  signature?: SignatureVerdict;
  /** A substring of the common name or the delivery id. */
  search?: string;
  certificateId?: string;
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
