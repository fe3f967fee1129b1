/**
 * SPEC §11, "signed metadata wins": when the matched signature covers the raw body, a delivery's
 * id, event and entity id are the ones in its (signed) `metadata`, not the unsigned headers. A
 * header that says otherwise is ignored and recorded as a mismatch: a captured delivery resent
 * with `Event: ssl_panel.issued` stays the `created` it was signed as. A field the metadata does
 * not have is still taken from its header.
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
  const value = (field: MismatchField, name: string): string | null => {
    const header = headerText(headers, name);
    const own = signed[field];
    if (header !== null && own !== null && header !== own) (mismatch ??= {})[field] = { header, signed: own };
    // What the metadata leaves out, a header may still name (reuse under another event is caught by replayOf).
    return own ?? header;
  };
  const [deliveryId, event, entityId] = HEADERS.map(([field, name]) => value(field, name));
  return { deliveryId, event, entityId, headerMismatch: mismatch };
}
