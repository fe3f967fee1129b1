import { describe, expect, it } from 'vitest';
import { signedIdentity } from '../../../../../electron/core/ingest/signed-identity.ts';

const body = { metadata: { delivery: 'orig', event: 'ssl_panel.created', entityId: '7' }, data: {} };

describe('signedIdentity (signed metadata wins, SPEC §11)', () => {
  it('takes the signed metadata and records each header that disagreed', () => {
    expect(signedIdentity({ delivery: 'new-id', event: 'ssl_panel.issued', 'entity-id': '7' }, body)).toEqual({
      deliveryId: 'orig', event: 'ssl_panel.created', entityId: '7',
      headerMismatch: { deliveryId: { header: 'new-id', signed: 'orig' }, event: { header: 'ssl_panel.issued', signed: 'ssl_panel.created' } },
    });
  });

  it('has no mismatch when the headers agree or are absent', () => {
    expect(signedIdentity({ event: 'ssl_panel.created' }, body).headerMismatch).toBeNull();
    expect(signedIdentity({}, body).headerMismatch).toBeNull();
  });

  it('takes a field the metadata does not have from its header', () => {
    expect(signedIdentity({ 'entity-id': '4242', delivery: 'd-1' }, { metadata: { event: 'e' } }))
      .toEqual({ deliveryId: 'd-1', event: 'e', entityId: '4242', headerMismatch: null });
  });
});
