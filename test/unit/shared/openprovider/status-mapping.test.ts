import { describe, it, expect } from 'vitest';
import { API_STATUS_LABELS, describeStatus, mapStatus, STATUS_MAPPING } from '../../../../shared/openprovider/status-mapping.ts';

// Seed 004, "Rules for status mapping", with the merged cells spelled out.
const SEED_TABLE: [string, string, string, string][] = [
  ['PAI', 'open', 'open', 'none'],
  ['ACT', 'open', 'active', 'none'],
  ['ACT', 'open', 'replaced', 'none'],
  ['FAI', 'closed', 'rejected', 'none'],
  ['FAI', 'closed', 'revoked', 'none'],
  ['FAI', 'closed', 'open', 'none'],
  ['EXP', 'closed', 'expired', 'none'],
  ['REJ', 'open', 'requested', 'deletecancel'],
  ['REJ', 'open', 'active', 'deletecancel'],
  ['REJ', 'open', 'replaced', 'deletecancel'],
  ['REQ', 'open', 'requested', 'request'],
  ['REQ', 'open', 'requested', 'reissue'],
  ['REQ', 'open', 'requested', 'renew'],
];

describe('STATUS_MAPPING', () => {
  it('has exactly the rows of the seed table', () => {
    expect(STATUS_MAPPING.map((r) => [r.apiStatus, r.status, r.certificateStatus, r.operation])).toEqual(SEED_TABLE);
  });

  it('has no two rows for the same webhook triple', () => {
    const triples = STATUS_MAPPING.map((r) => `${r.status}/${r.certificateStatus}/${r.operation}`);
    expect(new Set(triples).size).toBe(triples.length);
  });

  it('labels every API status', () => {
    for (const row of STATUS_MAPPING) expect(API_STATUS_LABELS[row.apiStatus]).toBeTruthy();
  });
});

describe('mapStatus', () => {
  it('maps every row of the seed table to its API status', () => {
    for (const [api, status, certificateStatus, operation] of SEED_TABLE) {
      expect(mapStatus(status, certificateStatus, operation)?.apiStatus).toBe(api);
    }
  });

  it('tells a pending order (PAI) from a failed one (FAI) by the order status', () => {
    expect(mapStatus('open', 'open', 'none')?.apiStatus).toBe('PAI');
    expect(mapStatus('closed', 'open', 'none')?.apiStatus).toBe('FAI');
  });

  it('reads a missing operation as none', () => {
    expect(mapStatus('open', 'active', null)?.apiStatus).toBe('ACT');
    expect(mapStatus('closed', 'expired', undefined)?.apiStatus).toBe('EXP');
  });

  it('returns undefined for a triple outside the table', () => {
    expect(mapStatus('open', 'expired', 'none')).toBeUndefined();
    expect(mapStatus('closed', 'requested', 'request')).toBeUndefined();
    expect(mapStatus('open', 'requested', 'none')).toBeUndefined();
    expect(mapStatus(null, null, null)).toBeUndefined();
    expect(mapStatus('OPEN', 'ACTIVE', 'NONE')).toBeUndefined();
  });
});

describe('describeStatus', () => {
  it('words a known triple by its API status, adding the operation when there is one', () => {
    expect(describeStatus('open', 'active', 'none')).toBe('Active');
    expect(describeStatus('open', 'open', null)).toBe('Pending issuance');
    expect(describeStatus('closed', 'revoked', 'none')).toBe('Failed');
    expect(describeStatus('closed', 'expired', 'none')).toBe('Expired');
    expect(describeStatus('open', 'requested', 'renew')).toBe('Requested at the CA (renew)');
    expect(describeStatus('open', 'replaced', 'deletecancel')).toBe('Cancellation requested (deletecancel)');
  });

  it('shows an unknown triple as it is, with ? for missing parts', () => {
    expect(describeStatus('open', 'weird', 'none')).toBe('open / weird / none');
    expect(describeStatus(null, undefined, null)).toBe('? / ? / none');
    expect(describeStatus('closed', 'active', 'renew')).toBe('closed / active / renew');
  });
});
