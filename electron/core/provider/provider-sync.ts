/**
 * One provider sync (SPEC §13): ask the provider for every order (and the issued certificate of
 * those that need it), then — only if all of that worked — hold each certificate's processing
 * queue, reconcile, and write the run with every change and notification in one transaction. A
 * failed sync is recorded with its reason and changes nothing else.
 */
import { firstSyncSummary, type AttentionItem } from '../../../shared/notify/index.ts';
import type { NotificationDecision, NotificationKind } from '../../../shared/notify/types.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { Logger } from '../logger.ts';
import type { NotificationCenter } from '../notifications/notification-center.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import { ProviderError, type CertificateProvider, type ProviderOrder } from './provider.ts';
import { isoOrNull, matchOrders, reconcileOrder, type OrderMatch, type OrderOutcome } from './reconcile.ts';
import { toSyncResult, type SyncChangeRecord, type SyncResult, type SyncRunRecord, type SyncTrigger } from './sync-types.ts';

/** The processor's per-certificate queue (as the expiry schedule uses it). */
export type Serialize = <T>(certificateId: string, work: (current: CertificateRecord | undefined) => Promise<T>) => Promise<T>;

export interface ProviderSyncDeps {
  store: DeliveryStore;
  center: Pick<NotificationCenter, 'prepare' | 'release'>;
  serialize: Serialize;
  /** The configured provider, or a ProviderError (`not-configured`) saying why there is none. */
  provider: () => CertificateProvider;
  thresholds: () => number[];
  kinds: () => Record<NotificationKind, boolean>;
  now: () => number;
  logger: Logger;
  /** After a sync changed certificates (the deployment check and the expiry schedule look at them). */
  changed?: (certificates: CertificateRecord[]) => void;
}

/** Detail calls at once (orders whose issued certificate the list does not carry). */
const DETAIL_CONCURRENCY = 4;

export async function syncOnce(deps: ProviderSyncDeps, trigger: SyncTrigger): Promise<SyncResult> {
  const startedAt = deps.now();
  const first = deps.store.syncs.lastSuccessAt() === null;
  let orders: ProviderOrder[];
  try {
    orders = await fetchOrders(deps.provider(), deps.store.certificates.all());
  } catch (error) {
    const failure = error instanceof ProviderError ? error : new ProviderError('protocol', (error as Error).message);
    const run: SyncRunRecord = { at: startedAt, trigger, ok: false, orders: 0, durationMs: deps.now() - startedAt,
      errorKind: failure.kind, error: failure.message, first: false };
    await deps.store.recordSync({ run, certificates: [], changes: [], notifications: [] });
    deps.logger.warn(`sync: failed (${failure.kind}): ${failure.message}`);
    return toSyncResult(run, []);
  }
  const matches = matchOrders(deps.store.certificates.all(), orders);
  const result = await holdAll(deps.serialize, matches.map((m) => m.certificateId), (currents) =>
    commit(deps, { trigger, startedAt, first, orders: orders.length }, matches, currents));
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  deps.logger.info(`sync: ${count(orders.length, 'order')}, ${count(result.changes.length, 'change')}${first ? ' (first sync)' : ''}`);
  return result;
}

/** Every order; the issued certificate of an active order read in full when the inventory does not have that one. */
async function fetchOrders(provider: CertificateProvider, known: readonly CertificateRecord[]): Promise<ProviderOrder[]> {
  const orders = await provider.orders();
  const byOrder = new Map(known.filter((c) => c.orderId).map((c) => [c.orderId!, c]));
  const needs = orders.filter((o) => {
    if (o.status !== 'ACT' || o.certificatePem !== null) return false;
    const c = byOrder.get(o.orderId);
    const expireAt = isoOrNull(o.expirationDate);
    return !c?.issuedPem || expireAt === null || Date.parse(c.expireAt ?? '') !== Date.parse(expireAt);
  });
  const full = new Map<string, ProviderOrder>();
  for (let i = 0; i < needs.length; i += DETAIL_CONCURRENCY) {
    const batch = await Promise.all(needs.slice(i, i + DETAIL_CONCURRENCY).map((o) => provider.order(o.orderId)));
    for (const o of batch) full.set(o.orderId, o);
  }
  return orders.map((o) => full.get(o.orderId) ?? o);
}

/** Holds the queue of every id (one after another: deliveries hold one each, so this cannot deadlock), then works. */
function holdAll<T>(serialize: Serialize, ids: readonly string[],
  work: (currents: Map<string, CertificateRecord | undefined>) => Promise<T>): Promise<T> {
  const currents = new Map<string, CertificateRecord | undefined>();
  const unique = [...new Set(ids)];
  const hold = (i: number): Promise<T> => (i === unique.length ? work(currents)
    : serialize(unique[i], (current) => { currents.set(unique[i], current); return hold(i + 1); }));
  return hold(0);
}

interface RunFacts { trigger: SyncTrigger; startedAt: number; first: boolean; orders: number }

async function commit(deps: ProviderSyncDeps, facts: RunFacts, matches: readonly OrderMatch[],
  currents: Map<string, CertificateRecord | undefined>): Promise<SyncResult> {
  const now = deps.now();
  const ctx = { now, thresholdsDays: deps.thresholds(), first: facts.first, startedAt: facts.startedAt };
  const outcomes = matches.map((m) => reconcileOrder(currents.get(m.certificateId), m, ctx)).filter((o): o is OrderOutcome => o !== null);
  const changes = outcomes.flatMap((o) => (o.change ? [o.change] : []));
  const decisions = facts.first ? summary(deps, outcomes, changes) : outcomes.flatMap((o) => (o.decision ? [o.decision] : []));
  const rows = deps.center.prepare(decisions);
  const run: SyncRunRecord = { at: facts.startedAt, trigger: facts.trigger, ok: true, orders: facts.orders,
    durationMs: now - facts.startedAt, errorKind: null, error: null, first: facts.first };
  const certificates = outcomes.map((o) => o.record);
  await deps.store.recordSync({ run, certificates, changes, notifications: rows });
  deps.center.release(decisions, rows);
  const changed = outcomes.filter((o) => o.change).map((o) => o.record);
  if (changed.length > 0) deps.changed?.(changed);
  return toSyncResult(run, changes);
}

/** A first sync's one notification (of the attention items whose kind is switched on); each change it covers names it. */
function summary(deps: ProviderSyncDeps, outcomes: readonly OrderOutcome[], changes: SyncChangeRecord[]): NotificationDecision[] {
  const kinds = deps.kinds();
  const items = outcomes.flatMap((o) => (o.attention && kinds[o.attention.kind] ? [o.attention] : [] as AttentionItem[]));
  const decision = firstSyncSummary(items);
  if (!decision) return [];
  const covered = new Set(items.map((i) => i.certificateId));
  for (const change of changes) {
    if (covered.has(change.certificateId)) Object.assign(change, { notification: decision.body, notificationKind: decision.kind });
  }
  return [decision];
}
