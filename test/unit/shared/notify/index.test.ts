import { describe, it, expect } from 'vitest';
import * as notify from '../../../../shared/notify/index.ts';

describe('shared/notify index', () => {
  it('re-exports the whole policy', () => {
    for (const name of ['decideForDelivery', 'hookFailureDecision', 'securityDecision', 'securityGate',
      'securityGateOpensAt', 'expiryDecision', 'daysLeft', 'visibility', 'isQuietTime', 'coalesce', 'deploymentDecision']) {
      expect(typeof notify[name as keyof typeof notify], name).toBe('function');
    }
    expect(notify.DEFAULT_NOTIFICATION_SETTINGS.enabled).toBe(true);
    expect(notify.NOTIFICATION_KINDS).toHaveLength(9);
  });

  it('runs a delivery through decide, visibility and coalesce the way the pipeline would', () => {
    const now = new Date(2026, 2, 1, 12, 0);
    const decisions = ['a.example', 'b.example'].flatMap((cn, i) => notify.decideForDelivery({
      event: 'ssl_panel.issued', body: {}, deliveryId: `d-${i}`, certificateId: null, commonName: cn,
    })).concat(notify.decideForDelivery({ event: 'ssl_panel.created', body: {}, deliveryId: 'd-9', certificateId: null,
      commonName: 'c.example' }));
    const visible = decisions.filter((d) => notify.visibility(d, notify.DEFAULT_NOTIFICATION_SETTINGS, now).shown);
    expect(notify.coalesce(visible).map((s) => `${s.title}: ${s.body}`)).toEqual([
      '2 certificates issued: a.example and b.example.',
    ]);
  });
});
