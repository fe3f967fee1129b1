/** SPEC §13's reconciliation, pure: matching orders with certificates, what follows the API, what is notified. */
import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../../../electron/core/certificates/certificate-types.ts';
import type { ProviderOrder } from '../../../../../electron/core/provider/provider.ts';
import { matchOrders, reconcileOrder, type ReconcileContext } from '../../../../../electron/core/provider/reconcile.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const DAY = 86_400_000;
const ctx: ReconcileContext = { now: NOW, thresholdsDays: [30, 14, 7, 3, 1], first: false, startedAt: NOW - 1000 };

function order(over: Partial<ProviderOrder> & { orderId: string; status: string }): ProviderOrder {
  return { commonName: null, hostNames: [], activeDate: null, expirationDate: null, certificatePem: null, ...over };
}

function cert(over: Partial<CertificateRecord> & { id: string }): CertificateRecord {
  return { commonName: null, orderId: null, orderStatus: 'open', status: 'requested', operation: 'request', expireAt: null,
    activatedAt: null, preValidationStatus: null, failedValidators: [], lastEvent: 'ssl_panel.requested', lastDelivery: 'd1',
    eventAt: NOW - DAY, updatedAt: NOW - DAY, expiry: { notifiedDays: [], expiredNotified: false }, issuedPem: null, issuedAt: null,
    providerOnly: false, syncedAt: null, ...over };
}

describe('matchOrders', () => {
  it('matches by order id, else by common name (case-insensitive), else makes a new entry', () => {
    const byId = cert({ id: 'c1', orderId: '1', commonName: 'a.example.nl' });
    const byName = cert({ id: 'c2', orderId: null, commonName: 'B.example.nl' });
    const matches = matchOrders([byId, byName], [
      order({ orderId: '1', status: 'ACT', commonName: 'renamed.example.nl' }),
      order({ orderId: '2', status: 'ACT', commonName: 'b.example.nl' }),
      order({ orderId: '3', status: 'ACT', commonName: 'c.example.nl' }),
    ]);
    expect(matches.map((m) => [m.certificateId, m.isNew])).toEqual([['c1', false], ['c2', false], ['order-3', true]]);
  });

  it('does not match by name a certificate that belongs to another listed order, nor one certificate twice', () => {
    const owned = cert({ id: 'c1', orderId: '1', commonName: 'a.example.nl' });
    const matches = matchOrders([owned], [
      order({ orderId: '1', status: 'ACT', commonName: 'a.example.nl' }),
      order({ orderId: '9', status: 'REQ', commonName: 'a.example.nl' }),
    ]);
    expect(matches.map((m) => m.certificateId)).toEqual(['c1', 'order-9']);
  });
});

describe('reconcileOrder', () => {
  const match = (o: ProviderOrder, id: string, isNew = false) => ({ order: o, certificateId: id, isNew });

  it('a missed issued: the state follows the API, the change and the issued notification say "found by provider sync"', () => {
    const expire = new Date(NOW + 90 * DAY).toISOString();
    const o = order({ orderId: '1', status: 'ACT', commonName: 'a.example.nl', expirationDate: expire });
    const out = reconcileOrder(cert({ id: 'c1', orderId: '1', commonName: 'a.example.nl' }), match(o, 'c1'), ctx)!;
    expect(out.record).toMatchObject({ orderStatus: 'open', status: 'active', operation: 'none', expireAt: expire,
      lastEvent: 'provider.sync', syncedAt: NOW, providerOnly: false });
    expect(out.change).toMatchObject({ from: 'REQ', to: 'ACT', notificationKind: 'issued' });
    expect(out.decision).toMatchObject({ kind: 'issued', body: `a.example.nl was issued; it is valid until ${expire.slice(0, 10)}. Found by provider sync.` });
  });

  it('a state already known raises nothing (also a webhook state the table spells differently: ACT/replaced)', () => {
    const o = order({ orderId: '1', status: 'ACT' });
    const known = cert({ id: 'c1', orderId: '1', status: 'replaced', operation: 'none' });
    const out = reconcileOrder(known, match(o, 'c1'), ctx)!;
    expect(out.change).toBeNull();
    expect(out.decision).toBeNull();
    expect(out.record.status).toBe('replaced');
  });

  it('a missed failure is notified as failed; an expiry already notified by the schedule is not repeated', () => {
    const failed = reconcileOrder(cert({ id: 'c1', orderId: '1' }), match(order({ orderId: '1', status: 'FAI' }), 'c1'), ctx)!;
    expect(failed.decision).toMatchObject({ kind: 'failed', urgency: 'critical' });
    const active = cert({ id: 'c2', orderId: '2', status: 'active', operation: 'none', expireAt: '2026-12-01T00:00:00.000Z',
      expiry: { notifiedDays: [30, 14, 7, 3, 1], expiredNotified: true } });
    const expired = reconcileOrder(active, match(order({ orderId: '2', status: 'EXP' }), 'c2'), ctx)!;
    expect(expired.change).toMatchObject({ from: 'ACT', to: 'EXP', notification: null });
    expect(expired.decision).toBeNull();
  });

  it('a first sync notifies nothing itself but names what needs attention: failures and certificates inside a threshold', () => {
    const first = { ...ctx, first: true };
    const soon = new Date(NOW + 5 * DAY).toISOString();
    const expiring = reconcileOrder(undefined, match(order({ orderId: '1', status: 'ACT', commonName: 'a.example.nl', expirationDate: soon }), 'order-1', true), first)!;
    expect(expiring.decision).toBeNull();
    expect(expiring.attention).toMatchObject({ kind: 'expiring', what: `expires in 5 days (${soon.slice(0, 10)})` });
    expect(expiring.record.expiry.notifiedDays).toEqual([30, 14, 7]);
    expect(expiring.record.providerOnly).toBe(true);
    const fine = reconcileOrder(undefined, match(order({ orderId: '2', status: 'ACT', expirationDate: new Date(NOW + 200 * DAY).toISOString() }), 'order-2', true), first)!;
    expect(fine.attention).toBeNull();
    const failed = reconcileOrder(undefined, match(order({ orderId: '3', status: 'FAI' }), 'order-3', true), first)!;
    expect(failed.attention).toMatchObject({ kind: 'failed' });
    const old = reconcileOrder(undefined, match(order({ orderId: '4', status: 'EXP', expirationDate: '2024-01-01T00:00:00Z' }), 'order-4', true), first)!;
    expect(old.attention).toBeNull();
  });

  it('takes the issued certificate the API gives, with its activation as the issue time', () => {
    const o = order({ orderId: '1', status: 'ACT', certificatePem: '-----BEGIN CERTIFICATE-----x', activeDate: '2026-12-01 10:00:00' });
    const out = reconcileOrder(cert({ id: 'c1', orderId: '1' }), match(o, 'c1'), ctx)!;
    expect(out.record).toMatchObject({ issuedPem: '-----BEGIN CERTIFICATE-----x', issuedAt: Date.parse('2026-12-01T10:00:00'),
      activatedAt: new Date('2026-12-01T10:00:00').toISOString() });
  });

  it('skips a certificate a delivery changed after the orders were asked for (the delivery is fresher)', () => {
    const fresh = cert({ id: 'c1', orderId: '1', status: 'active', operation: 'none', updatedAt: NOW - 10 });
    expect(reconcileOrder(fresh, match(order({ orderId: '1', status: 'REQ' }), 'c1'), ctx)).toBeNull();
  });
});
