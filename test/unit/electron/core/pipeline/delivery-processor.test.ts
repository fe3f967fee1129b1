import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDelivery, summarizeBody } from '../../../../../shared/openprovider/index.ts';
import { createProcessor } from '../../../../../electron/core/pipeline/create-processor.ts';
import { defaultConfig } from '../../../../../shared/config/index.ts';
import { silentLogger } from '../../../../../electron/core/logger.ts';
import { openTempStore, newDelivery, type TempStore } from '../store/store-fixtures.ts';

let t: TempStore;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.cleanup());

function delivery(event: string, deliveryId: string) {
  const parsed = sampleDelivery(event, { deliveryId, commonName: 'shop.example.org' });
  const body = Buffer.from(JSON.stringify(parsed));
  const s = summarizeBody(parsed);
  const record = { ...newDelivery({ deliveryId, body, event, commonName: s.commonName, certificateId: s.certificateId, orderId: s.orderId }),
    deliveryId };
  return { record, facts: { deliveryId, event, entityId: null, body, parsed } };
}

describe('DeliveryProcessor without hooks', () => {
  it('overlaps commits for one certificate yet applies its deliveries in arrival order', async () => {
    const processor = createProcessor({ store: t.store, dataDir: t.dir, logger: silentLogger, config: () => defaultConfig() });
    const events = ['ssl_panel.created', 'ssl_panel.requested', 'ssl_panel.issued', 'ssl_panel.created', 'ssl_panel.issued'];
    const results = await Promise.all(events.map((e, i) => {
      const { record, facts } = delivery(e, `d-${i}`);
      return processor.process(record, facts);
    }));
    expect(results.map((r) => r.outcome)).toEqual(Array(5).fill('accepted'));
    expect(results.map((r) => r.id)).toEqual([...results.map((r) => r.id)].sort((a, b) => a - b));
    const [certificate] = t.store.certificates.all();
    expect(certificate).toMatchObject({ lastEvent: 'ssl_panel.issued', lastDelivery: 'd-4', status: 'active' });
  });

  it('accepts one of several concurrent deliveries with the same id; the others are duplicates with no effect', async () => {
    const processor = createProcessor({ store: t.store, dataDir: t.dir, logger: silentLogger, config: () => defaultConfig() });
    const results = await Promise.all([0, 1, 2].map(() => {
      const { record, facts } = delivery('ssl_panel.issued', 'same-id');
      return processor.process(record, facts);
    }));
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'duplicate', 'duplicate']);
    expect(t.store.certificates.notifications()).toHaveLength(0);
    expect(t.store.certificates.all()).toHaveLength(1);
  });
});
