import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../../shared/bridge/index.ts';
import { signatureRejectsSince } from '../../../../renderer/src/lib/tunnel-hint.ts';

function delivery(deliveryId: string, receivedAt: string, status: number, outcome: DeliverySummary['outcome'] = 'rejected'): DeliverySummary {
  return { id: 1, deliveryId, attempt: 1, receivedAt, event: 'ssl_panel.issued', entityId: null, commonName: null,
    signature: status === 401 ? 'invalid' : 'valid', outcome, status };
}

describe('signatureRejectsSince', () => {
  const up = '2026-11-23T10:00:00.000Z';

  it('counts deliveries refused for their signature since the tunnel came up, not the reachability checks', () => {
    expect(signatureRejectsSince([
      delivery('a', '2026-11-23T10:00:01.000Z', 401),
      delivery('b', '2026-11-23T10:05:00.000Z', 401),
      delivery('before', '2026-11-23T09:59:59.000Z', 401),
      delivery('certbell-check-1', '2026-11-23T10:00:02.000Z', 401),
      delivery('bad-json', '2026-11-23T10:00:03.000Z', 400),
      delivery('fine', '2026-11-23T10:00:04.000Z', 200, 'accepted'),
    ], up)).toBe(2);
  });

  it('counts nothing while the tunnel is not up', () => {
    expect(signatureRejectsSince([delivery('a', '2026-11-23T10:00:01.000Z', 401)], null)).toBe(0);
  });
});
