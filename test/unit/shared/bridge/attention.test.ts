import { describe, expect, it } from 'vitest';
import { attentionReason, type CertificateSummary } from '../../../../shared/bridge/index.ts';
import { setupProblems } from '../../../../shared/bridge/attention.ts';

function cert(over: Partial<CertificateSummary> = {}): CertificateSummary {
  return {
    id: '1', commonName: 'shop.example.nl', orderId: null, orderStatus: null, status: 'active', statusText: 'Active', operation: null,
    expireAt: null, activatedAt: null, daysLeft: 200, preValidationStatus: null, failedValidators: [], lastEvent: 'ssl_panel.issued',
    lastDelivery: null, updatedAt: '2026-01-01T00:00:00Z', deployment: null, providerOnly: false, syncedAt: null, failure: null, ...over,
  };
}

describe('attentionReason', () => {
  it('leaves a healthy certificate alone, deployed or not checked', () => {
    expect(attentionReason(cert())).toBeNull();
    expect(attentionReason(cert({ deployment: 'served' }))).toBeNull();
  });

  it('flags failed, expiring and expired certificates, and a CA waiting', () => {
    expect(attentionReason(cert({ status: 'failed' }))).toBe('status failed');
    expect(attentionReason(cert({ daysLeft: 5 }))).toBe('expires in 5 days');
    expect(attentionReason(cert({ daysLeft: -2 }))).toBe('expired 2 days ago');
    expect(attentionReason(cert({ lastEvent: 'ssl_panel.ca_chat.new_message_from_ca' }))).toBe('the CA is waiting for an answer');
  });

  it('flags a host still serving the old certificate, or one for another name (SPEC §12)', () => {
    expect(attentionReason(cert({ deployment: 'old' }))).toBe('old certificate still served');
    expect(attentionReason(cert({ deployment: 'wrong-name' }))).toBe('a certificate for another name is served');
  });

  it('does not flag an unreachable target: internal hosts are often out of reach', () => {
    expect(attentionReason(cert({ deployment: 'unreachable' }))).toBeNull();
  });

  it('puts a failed status first, and a deployment problem before the expiry it would otherwise hide', () => {
    expect(attentionReason(cert({ status: 'failed', deployment: 'old' }))).toBe('status failed');
    expect(attentionReason(cert({ deployment: 'old', daysLeft: 5 }))).toBe('old certificate still served');
  });
});

describe('a failed renewal or reissue (issue 22)', () => {
  const failure = { event: 'ssl_panel.renew_failed', operation: 'renewal' as const, deliveryId: 'd1', at: '2026-01-01T00:00:00Z' };

  it('is flagged until resolved, with the expiry when that is near', () => {
    expect(attentionReason(cert({ failure }))).toBe('renewal failed');
    expect(attentionReason(cert({ failure: { ...failure, operation: 'reissue' } }))).toBe('reissue failed');
    expect(attentionReason(cert({ failure, daysLeft: 3 }))).toBe('renewal failed; expires in 3 days');
    expect(attentionReason(cert({ failure, daysLeft: -1 }))).toBe('renewal failed; expired 1 day ago');
  });

  it('an expired certificate reads expired, not "expires in 0 days"', () => {
    expect(attentionReason(cert({ daysLeft: 0 }))).toBe('expired today');
  });
});

describe('setupProblems', () => {
  it('without a secret (and allowUnsigned false) every delivery is refused: that comes first', () => {
    expect(setupProblems({ signing: { secrets: 0, allowUnsigned: false } }).map((p) => p.id)).toEqual(['no-secret']);
    expect(setupProblems({ signing: { secrets: 0, allowUnsigned: true } })).toEqual([]);
    expect(setupProblems({ signing: { secrets: 2, allowUnsigned: false } })).toEqual([]);
  });
});
