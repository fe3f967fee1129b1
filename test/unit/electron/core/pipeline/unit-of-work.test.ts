/**
 * One delivery's unit of work, step by step (SPEC §5): fake hooks and notifier, the real apply
 * and a real SQLite store, each step writing a line to one log as it happens.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDelivery, summarizeBody } from '../../../../../shared/openprovider/index.ts';
import type { NotificationDecision } from '../../../../../shared/notify/types.ts';
import { applyDelivery } from '../../../../../electron/core/certificates/apply.ts';
import type { DeliveryFacts } from '../../../../../electron/core/hooks/hook-context.ts';
import type { HookEntry, HookRunRecord, HookStage } from '../../../../../shared/bridge/types.ts';
import { silentLogger } from '../../../../../electron/core/logger.ts';
import { DeliveryProcessor, type VerifiedDelivery } from '../../../../../electron/core/pipeline/delivery-processor.ts';
import type { PipelinePolicy } from '../../../../../electron/core/pipeline/pipeline.ts';
import type { NewNotification } from '../../../../../electron/core/store/delivery-types.ts';
import { openTempStore, newDelivery, type TempStore } from '../store/store-fixtures.ts';

let t: TempStore;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.cleanup());

const POLICY: PipelinePolicy = { allowPreHookFailure: false, allowSuccessHookFailure: false, allowPostHookFailure: true };

function hook(name: string, stage: HookStage): HookEntry {
  return { kind: 'command', name, stage, events: ['*'], command: ['/bin/true'], cwd: '/', env: {}, timeoutMs: 1000 };
}

const HOOKS = [hook('gate', 'pre'), hook('deploy', 'success'), hook('report', 'post')];

function issued(deliveryId: string): { received: VerifiedDelivery; facts: DeliveryFacts; certificateId: string } {
  const event = 'ssl_panel.issued';
  const parsed = sampleDelivery(event, { deliveryId, commonName: 'shop.example.org' });
  const body = Buffer.from(JSON.stringify(parsed));
  const s = summarizeBody(parsed);
  const { status: _s, outcome: _o, dedupe: _d, response: _r, error: _e, ...received } = newDelivery({ deliveryId, body, event,
    commonName: s.commonName, certificateId: s.certificateId, orderId: s.orderId });
  return { received: { ...received, deliveryId }, facts: { deliveryId, event, entityId: null, body, parsed },
    certificateId: s.certificateId! };
}

/** A processor whose every step, and every store write it makes, is a line in `log`. */
function recorded({ deliveryId, certificateId }: { deliveryId: string; certificateId: string }, failing: string[] = []) {
  const log: string[] = [];
  const inventory = () => t.store.certificates.get(certificateId)?.status ?? 'none';
  const stored = () => t.store.reads.find(deliveryId)?.outcome ?? 'nothing';
  const { store } = t;
  const add = store.add.bind(store);
  const note = store.note.bind(store);
  store.add = (record) => {
    const kinds = (record.notifications ?? []).map((n) => n.kind).join(' ') || 'none';
    log.push(`commit: ${record.outcome} ${record.status}, ${record.hookRuns?.length ?? 0} hook runs, `
      + `certificate ${record.certificate ? 'yes' : 'no'}, notifications ${kinds}`);
    return add(record).then((s) => { log.push(`commit durable: ${s.outcome}`); return s; });
  };
  store.note = (rows, certificate) => {
    log.push(`inventory stored early: ${certificate?.status}`);
    return note(rows, certificate);
  };
  const processor = new DeliveryProcessor({
    store,
    logger: silentLogger,
    settings: () => ({ specs: HOOKS, policy: POLICY }),
    runHook: async (spec, ctx): Promise<HookRunRecord> => {
      log.push(`${ctx.stage} hook ${spec.name}: inventory ${inventory()}, record ${stored()}`);
      const failed = failing.includes(spec.name);
      return { hook: spec.name, stage: spec.stage, startedAt: new Date().toISOString(), durationMs: 1, exitCode: failed ? 1 : 0,
        signal: null, timedOut: false, stdout: '', stderr: '', error: null };
    },
    apply: (facts, certificates) => {
      log.push(`apply: inventory ${inventory()}`);
      return applyDelivery(certificates, facts, Date.now(), [30, 7, 1]);
    },
    notifications: {
      prepare: (decisions: NotificationDecision[]): NewNotification[] => decisions.map((d) => ({ kind: d.kind,
        title: d.title, body: d.body, urgency: d.urgency, certificateId: d.certificateId, deliveryId: d.deliveryId,
        createdAt: 0, shown: true, reason: null })),
      release: (decisions: NotificationDecision[]) => {
        log.push(`shown: ${decisions.map((d) => d.kind).join(' ') || 'none'} (record ${stored()})`);
      },
    },
  });
  return { processor, log };
}

describe('one delivery, step by step', () => {
  it('runs pre hooks before the inventory changes, and shows its notification only once its one commit is durable', async () => {
    const { received, facts, certificateId } = issued('d-1');
    const { processor, log } = recorded({ deliveryId: 'd-1', certificateId });
    const result = await processor.process(received, facts);
    expect(result).toMatchObject({ outcome: 'accepted', status: 200 });
    expect(log).toEqual([
      'pre hook gate: inventory none, record nothing',
      'apply: inventory none',
      // Success and post hooks read the inventory: it is stored for them before they run.
      'inventory stored early: active',
      'success hook deploy: inventory active, record nothing',
      'post hook report: inventory active, record nothing',
      'commit: accepted 200, 3 hook runs, certificate yes, notifications issued',
      'commit durable: accepted',
      'shown: issued (record accepted)',
    ]);
  });

  it('stops at a failing pre hook: no apply, no inventory, a 503 naming the hook, nothing shown', async () => {
    const { received, facts, certificateId } = issued('d-2');
    const { processor, log } = recorded({ deliveryId: 'd-2', certificateId }, ['gate']);
    const result = await processor.process(received, facts);
    expect(result).toMatchObject({ outcome: 'aborted', status: 503, response: '{"error":"hook failed","hook":"gate"}' });
    expect(log).toEqual([
      'pre hook gate: inventory none, record nothing',
      'commit: aborted 503, 1 hook runs, certificate no, notifications none',
      'commit durable: aborted',
      'shown: none (record aborted)',
    ]);
    expect(t.store.certificates.get(certificateId)).toBeUndefined();
  });

  it('after a failing success hook: no post hooks, the inventory change kept, only the hook notification, after the commit', async () => {
    const { received, facts, certificateId } = issued('d-3');
    const { processor, log } = recorded({ deliveryId: 'd-3', certificateId }, ['deploy']);
    const result = await processor.process(received, facts);
    expect(result).toMatchObject({ outcome: 'aborted', status: 503, response: '{"error":"hook failed","hook":"deploy"}' });
    expect(log).toEqual([
      'pre hook gate: inventory none, record nothing',
      'apply: inventory none',
      'inventory stored early: active',
      'success hook deploy: inventory active, record nothing',
      'commit: aborted 503, 2 hook runs, certificate no, notifications hook',
      'commit durable: aborted',
      'shown: hook (record aborted)',
    ]);
  });
});
