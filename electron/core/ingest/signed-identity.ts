/**
 * SPEC §11, "signed metadata wins": when the matched signature covers the raw body, a delivery's
 * id, event and entity id are the ones in its (signed) `metadata`, not the unsigned headers. A
 * header that says otherwise is ignored and recorded as a mismatch: a captured delivery resent
 * with `Event: ssl_panel.issued` stays the `created` it was signed as.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HeaderMismatch, MismatchField } from '../../../shared/bridge/types.ts';
import { summarizeBody } from '../../../shared/openprovider/payloads.ts';
import { headerText } from './received-request.ts';

const HEADERS: readonly [MismatchField, string][] = [['deliveryId', 'delivery'], ['event', 'event'], ['entityId', 'entity-id']];

export interface SignedIdentity {
  deliveryId: string | null;
  event: string | null;
  entityId: string | null;
  headerMismatch: HeaderMismatch | null;
}

export function signedIdentity(headers: IncomingHttpHeaders, parsedBody: unknown): SignedIdentity {
  const signed = summarizeBody(parsedBody);
  let mismatch: HeaderMismatch | null = null;
  for (const [field, name] of HEADERS) {
    const header = headerText(headers, name);
    if (header !== null && header !== signed[field]) (mismatch ??= {})[field] = { header, signed: signed[field] };
  }
  return { deliveryId: signed.deliveryId, event: signed.event, entityId: signed.entityId, headerMismatch: mismatch };
}
