// Issue 22: a failed renewal or reissue stays flagged on its certificate until a later issue, and an
// active certificate past its expiry reads "Expired", in what the list and the dashboard show.
import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../../../electron/core/certificates/certificate-types.ts';
import { certificateView } from '../../../../../electron/core/certificates/certificate-view.ts';
import { mergeCertificate, type InventoryInput } from '../../../../../electron/core/certificates/inventory.ts';
import { attentionReason } from '../../../../../shared/bridge/attention.ts';
import { sampleDelivery } from '../../../../../shared/openprovider/samples.ts';

const CN = 'shop.example.org';
const T0 = Date.parse('2026-06-01T12:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

function delivery(event: string, minute: number, expireAt?: string): InventoryInput {
  const at = T0 + minute * MINUTE;
  const parsed = sampleDelivery(event, { deliveryId: `${event}@${minute}`, commonName: CN, now: new Date(at) }) as { data: { certificate: Record<string, unknown> } };
  if (expireAt) parsed.data.certificate.expireAt = expireAt;
  return { event, deliveryId: `${event}@${minute}`, eventAt: at, now: at, parsed };
}

function fold(inputs: InventoryInput[], keep: (c: CertificateRecord) => CertificateRecord = (c) => c): CertificateRecord {
  let current: CertificateRecord | null = null;
  for (const input of inputs) current = keep(mergeCertificate(current, input)!);
  return current!;
}

/** As a store that keeps no failure column reads the row back. */
const withoutFailure = ({ failure: _failure, ...rest }: CertificateRecord): CertificateRecord => rest;

const shown = (c: CertificateRecord, now = T0 + DAY) => {
  const view = certificateView(c, now);
  return { statusText: view.statusText, failure: view.failure && `${view.failure.operation} ${view.failure.deliveryId}`, reason: attentionReason(view) };
};

describe('a failed renewal or reissue on its certificate', () => {
  it('is flagged after renew_failed or reissue_failed, though the certificate stays Active', () => {
    expect(shown(fold([delivery('ssl_panel.issued', 0), delivery('ssl_panel.renew_failed', 10)])))
      .toEqual({ statusText: 'Active', failure: 'renewal ssl_panel.renew_failed@10', reason: 'renewal failed' });
    expect(shown(fold([delivery('ssl_panel.issued', 0), delivery('ssl_panel.reissue_failed', 10)])))
      .toEqual({ statusText: 'Active', failure: 'reissue ssl_panel.reissue_failed@10', reason: 'reissue failed' });
  });

  it('stays flagged through later news that does not resolve it, with the expiry it leaves coming', () => {
    const soon = new Date(T0 + 20 * DAY).toISOString();
    const after = fold([delivery('ssl_panel.issued', 0), delivery('ssl_panel.renew_failed', 10),
      delivery('ssl_panel.will_expire_in_30_days', 20, soon)]);
    expect(shown(after)).toEqual({ statusText: 'Active', failure: 'renewal ssl_panel.renew_failed@10', reason: 'renewal failed; expires in 19 days' });
  });

  it('is resolved by a later issue, but not by a late retry of an older one', () => {
    expect(shown(fold([delivery('ssl_panel.renew_failed', 10), delivery('ssl_panel.issued', 20)])).failure).toBeNull();
    expect(shown(fold([delivery('ssl_panel.renew_failed', 10), delivery('ssl_panel.issued', 5)])).failure).toBe('renewal ssl_panel.renew_failed@10');
  });

  it('where the store keeps no failure, the last event still says it until the next news', () => {
    expect(shown(fold([delivery('ssl_panel.issued', 0), delivery('ssl_panel.renew_failed', 10)], withoutFailure)).reason).toBe('renewal failed');
    expect(shown(fold([delivery('ssl_panel.renew_failed', 10), delivery('ssl_panel.issued', 20)], withoutFailure)).failure).toBeNull();
  });
});

describe('an active certificate past its expiry', () => {
  it('reads Expired, and needs attention', () => {
    const expireAt = new Date(T0 + 2 * DAY).toISOString();
    const issued = fold([delivery('ssl_panel.issued', 0, expireAt)]);
    expect(shown(issued, T0 + DAY)).toEqual({ statusText: 'Active', failure: null, reason: 'expires in 1 day' });
    expect(shown(issued, T0 + 2 * DAY + MINUTE)).toEqual({ statusText: 'Expired', failure: null, reason: 'expired today' });
    expect(shown(issued, T0 + 5 * DAY)).toEqual({ statusText: 'Expired', failure: null, reason: 'expired 3 days ago' });
  });
});
