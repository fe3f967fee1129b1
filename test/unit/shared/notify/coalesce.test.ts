import { describe, it, expect } from 'vitest';
import { coalesce, groupTitle } from '../../../../shared/notify/coalesce.ts';
import { decideForDelivery } from '../../../../shared/notify/delivery.ts';
import { hookFailureDecision } from '../../../../shared/notify/hook.ts';
import { sampleDelivery } from '../../../../shared/openprovider/samples.ts';
import { NOTIFICATION_KINDS, type NotificationDecision } from '../../../../shared/notify/types.ts';

let seq = 0;
function fromDelivery(event: string, commonName: string): NotificationDecision {
  const deliveryId = `d-${++seq}`;
  const body = sampleDelivery(event, { deliveryId, commonName, now: new Date('2026-03-01T12:00:00Z') });
  return decideForDelivery({ event, body, deliveryId, certificateId: null, commonName: null })[0];
}
const issued = (cn: string) => fromDelivery('ssl_panel.issued', cn);

describe('coalesce', () => {
  it('leaves a single decision as it is, with a count of 1 and its links', () => {
    const d = issued('a.example');
    expect(coalesce([d])).toEqual([{ kind: 'issued', title: d.title, body: d.body, urgency: d.urgency,
      certificateId: d.certificateId, deliveryId: d.deliveryId, count: 1 }]);
  });

  it('returns nothing for no decisions', () => {
    expect(coalesce([])).toEqual([]);
  });

  it('turns a burst of issued certificates into "3 certificates issued" listing their names', () => {
    const shown = coalesce([issued('a.example'), issued('b.example'), issued('c.example')]);
    expect(shown).toEqual([{ kind: 'issued', title: '3 certificates issued', body: 'a.example, b.example and c.example.',
      urgency: 'normal', certificateId: null, deliveryId: null, count: 3 }]);
  });

  it('caps the list of names in a large burst', () => {
    const names = Array.from({ length: 12 }, (_, i) => `host${i + 1}.example`);
    const [shown] = coalesce(names.map(issued));
    expect(shown.title).toBe('12 certificates issued');
    expect(shown.body).toBe('host1.example, host2.example, host3.example, host4.example, host5.example and 7 more.');
    expect(shown.count).toBe(12);
  });

  it('lists a name that repeats once, with how often', () => {
    const [shown] = coalesce([issued('a.example'), issued('b.example'), issued('a.example')]);
    expect(shown.body).toBe('a.example (2×) and b.example.');
    expect(shown.count).toBe(3);
  });

  it('keeps kinds apart, in the order they first appear', () => {
    const shown = coalesce([
      fromDelivery('ssl_panel.renew_failed', 'x.example'),
      issued('a.example'),
      fromDelivery('ssl_panel.pre_validation.failed', 'y.example'),
      fromDelivery('ssl_panel.ca_chat.new_message_from_ca', 'z.example'),
      issued('b.example'),
    ]);
    expect(shown.map((s) => [s.kind, s.title, s.count])).toEqual([
      ['failed', '2 certificate operations failed', 2],
      ['issued', '2 certificates issued', 2],
      ['action', 'New message from the CA', 1],
    ]);
    expect(shown[0].body).toBe('x.example and y.example.');
  });

  it('gives a group the highest urgency of its members', () => {
    const low = { ...issued('a.example'), urgency: 'low' as const };
    const critical = { ...issued('b.example'), urgency: 'critical' as const };
    expect(coalesce([low, issued('c.example')])[0].urgency).toBe('normal');
    expect(coalesce([low, critical, issued('c.example')])[0].urgency).toBe('critical');
    expect(coalesce([low, { ...low }])[0].urgency).toBe('low');
  });

  it('lists members without a common name by their own titles', () => {
    const hook = (name: string) => hookFailureDecision({ hook: name, stage: 'success', error: 'exit 1', aborted: true,
      deliveryId: 'd', certificateId: null, commonName: null });
    const [shown] = coalesce([hook('deploy'), hook('reload')]);
    expect(shown.title).toBe('2 hook failures');
    expect(shown.body).toBe('Hook "deploy" failed and Hook "reload" failed.');
  });

  it('has a readable group title for every kind', () => {
    const titles = NOTIFICATION_KINDS.map((kind) => groupTitle(kind, 4));
    expect(titles).toEqual([
      '4 certificates issued', '4 certificate operations failed', '4 certificates expiring', '4 new messages from the CA',
      '4 test deliveries received', '4 hook failures', '4 security warnings', '4 deployment problems', '4 certificate updates',
    ]);
  });

  it('does not change the decisions passed in', () => {
    const decisions = [issued('a.example'), issued('b.example')];
    const copy = structuredClone(decisions);
    coalesce(decisions);
    expect(decisions).toEqual(copy);
  });
});
