import { describe, expect, it } from 'vitest';
import type { DeliverySummary, DeploymentResult, NotificationEntry } from '../../../../shared/bridge/index.ts';
import { mergeTimeline } from '../../../../renderer/src/lib/certificate-timeline.ts';
import { stateChanges } from '../../../../renderer/src/lib/deployment.ts';

const delivery = (id: number, receivedAt: string) => ({ id, receivedAt }) as DeliverySummary;
const notification = (id: number, createdAt: string) => ({ id, createdAt }) as NotificationEntry;
const check = (checkedAt: string, state: DeploymentResult['state']) =>
  ({ certificateId: '1', name: 'a.example', target: 'a.example:443', checkedAt, state }) as DeploymentResult;

describe('mergeTimeline', () => {
  it('merges deliveries, notifications and deployment changes newest first, a notification above its cause', () => {
    const changes = stateChanges([check('2026-01-03T00:00:00Z', 'old'), check('2026-01-02T00:00:00Z', 'old'), check('2026-01-01T00:00:00Z', 'served')]);
    const items = mergeTimeline([delivery(1, '2026-01-01T00:00:00Z')],
      [notification(7, '2026-01-03T00:00:00Z'), notification(8, '2026-01-01T00:00:00Z')], changes);
    expect(items.map((i) => ('delivery' in i ? 'd' : 'notification' in i ? 'n' : `c:${i.change.result.state}`) + i.at.slice(8, 10))).toEqual(
      ['n03', 'c:old02', 'n01', 'd01', 'c:served01']);
  });

  it('works without deployment changes', () => {
    expect(mergeTimeline([delivery(1, '2026-01-01T00:00:00Z')], [])).toHaveLength(1);
  });
});
