/** The deliveries inspector: filters, the virtualized list (paged as you scroll, live on new deliveries), the detail pane. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeliveryRecord, DeliverySummary } from '../../../shared/bridge/index.ts';
import { DELIVERY_OUTCOMES, SIGNATURE_VERDICTS } from '../../../shared/bridge/types.ts';
import { EVENT_NAMES } from '../../../shared/openprovider/events.ts';
import { call } from '../bridge/bridge.ts';
import { useBridgeEvents, useCall, useReconnected } from '../bridge/use-bridge.ts';
import { DeliveryDetail } from '../components/delivery-detail.tsx';
import { DeliveryList } from '../components/delivery-list.tsx';
import { ErrorBox } from '../components/status-box.tsx';
import { TimeRangeNote } from '../components/time-range-note.tsx';
import { href, navigate, replaceRoute } from '../lib/hash-route.ts';
import { filterToQuery, listParams, matchesFilter, NO_FILTER, type DeliveryFilter } from '../lib/delivery-filter.ts';

const PAGE = 100;

function toSummary(r: DeliveryRecord): DeliverySummary {
  return { id: r.id, deliveryId: r.deliveryId, attempt: r.attempt, receivedAt: r.receivedAt, event: r.event, entityId: r.entityId,
    commonName: r.commonName, signature: r.signature, outcome: r.outcome, status: r.status };
}

function Filters({ filter, onChange }: { filter: DeliveryFilter; onChange(f: DeliveryFilter): void }) {
  const set = (key: keyof DeliveryFilter) => (e: { target: { value: string } }) => onChange({ ...filter, [key]: e.target.value });
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>Search<input type="search" value={filter.search} onChange={set('search')} placeholder="common name or delivery id" /></label>
      <label>Event
        <select value={filter.event} onChange={set('event')}>
          <option value="">any</option>
          {EVENT_NAMES.map((name) => <option key={name} value={name}>{name.replace(/^ssl_panel\./, '')}</option>)}
        </select>
      </label>
      <label>Outcome
        <select value={filter.outcome} onChange={set('outcome')}>
          <option value="">any</option>
          {DELIVERY_OUTCOMES.map((o) => <option key={o}>{o}</option>)}
        </select>
      </label>
      <label>Signature
        <select value={filter.signature} onChange={set('signature')}>
          <option value="">any</option>
          {SIGNATURE_VERDICTS.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
    </form>
  );
}

function EmptyState({ webhookUrl, filtered, onClear }: { webhookUrl: string; filtered: boolean; onClear(): void }) {
  if (filtered) {
    return <p className="empty" data-testid="deliveries-no-match">No delivery matches these filters.{' '}
      <button type="button" onClick={onClear}>Clear filters</button></p>;
  }
  return (
    <div className="empty" data-testid="deliveries-empty">
      <p>No deliveries yet. To receive the first:</p>
      <ol className="next-steps">
        <li><a href={href('settings', 'secrets')}>Set a secret</a> (the one SSL Panel signs with).</li>
        <li>Paste <code>{webhookUrl || '<webhook URL>'}</code> into SSL Panel&apos;s webhook settings (a tunnel makes it public).</li>
        <li><SendTestButton /> or from a shell: <code>certbell send --url {webhookUrl || '<webhook URL>'} …</code></li>
      </ol>
    </div>
  );
}

/** The empty list's own next action: a signed test delivery to this listener, which then appears in the list. */
function SendTestButton() {
  const [state, setState] = useState<{ running: boolean; message: string | null }>({ running: false, message: null });
  const send = async () => {
    setState({ running: true, message: null });
    try {
      const result = await call('deliveries.sendTest');
      setState({ running: false, message: result.ok ? null : result.message });
    } catch (failure) {
      setState({ running: false, message: (failure as Error).message });
    }
  };
  return (
    <>
      <button type="button" className="primary" disabled={state.running} onClick={() => void send()}>
        {state.running ? 'Sending…' : 'Send a test delivery'}</button>
      {state.message && <span role="alert" className="danger"> {state.message}</span>}
    </>
  );
}

/**
 * `initialFilter` comes from the address (a link from the dashboard's counts, a reload, a bookmark,
 * the sidebar's bare link); the view keeps its own filter and writes it back to the address once it
 * has settled, so a reload or a copied link shows the same filtered list. When the address is
 * changed to other filters while the view is open, the view takes those.
 */
export function DeliveriesView({ selectedId, initialFilter = NO_FILTER }: { selectedId: string | null; initialFilter?: DeliveryFilter }) {
  const status = useCall('status');
  const webhookUrl = status.data?.webhookUrl ?? '';
  const [filter, setFilter] = useState<DeliveryFilter>(initialFilter);
  const [query, setQuery] = useState<DeliveryFilter>(initialFilter);
  const fromAddress = JSON.stringify(initialFilter);
  const adopted = useRef(fromAddress);
  useEffect(() => {
    if (fromAddress === adopted.current) return;
    adopted.current = fromAddress;
    const next = JSON.parse(fromAddress) as DeliveryFilter;
    setFilter(next);
    setQuery(next);
  }, [fromAddress]);
  const [rows, setRows] = useState<DeliverySummary[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const loading = useRef(false);
  const generation = useRef(0);

  // Typing in the search box settles briefly before the list is asked again (a search on 100,000
  // rows takes ~15 ms; a stale answer is dropped by the generation check in load()).
  useEffect(() => {
    const timer = setTimeout(() => setQuery(filter), filter.search === query.search ? 0 : 50);
    return () => clearTimeout(timer);
  }, [filter, query.search]);

  const load = useCallback(async (beforeId?: number) => {
    const mine = beforeId === undefined ? ++generation.current : generation.current;
    loading.current = true;
    try {
      const page = await call('deliveries.list', listParams(query, beforeId, PAGE));
      if (mine !== generation.current) return;
      setRows((old) => {
        if (beforeId === undefined) return page;
        const seen = new Set(old.map((r) => r.id));
        return [...old, ...page.filter((r) => !seen.has(r.id))];
      });
      setHasMore(page.length === PAGE);
      setError(null);
      setLoaded(true);
    } catch (failure) {
      if (mine === generation.current) setError((failure as Error).message);
    } finally {
      if (mine === generation.current) loading.current = false;
    }
  }, [query]);

  useEffect(() => { void load(); }, [load]);
  useReconnected(() => { void load(); });

  useEffect(() => { replaceRoute('deliveries', selectedId, filterToQuery(query)); }, [query, selectedId]);

  const onNearEnd = useCallback(() => {
    if (!hasMore || loading.current || rows.length === 0) return;
    void load(rows[rows.length - 1].id);
  }, [hasMore, rows, load]);

  const prepend = useCallback((row: DeliverySummary) => {
    if (!matchesFilter(row, query)) return;
    setRows((old) => (old.some((r) => r.id === row.id) ? old : [row, ...old]));
  }, [query]);
  useBridgeEvents((e) => { if (e.event === 'delivery') prepend(e.data); });

  const filtered = Object.values(query).some((v) => v !== '');
  const selected = selectedId === null ? null : Number(selectedId);
  return (
    <div className="inspector">
      <section className="inspector-list" aria-label="Delivery list">
        <h1>Deliveries</h1>
        <Filters filter={filter} onChange={setFilter} />
        <TimeRangeNote from={filter.from} to={filter.to} onClear={() => setFilter({ ...filter, from: '', to: '' })} />
        {error && <ErrorBox error={error} onRetry={() => void load()} />}
        {error && rows.length === 0 ? null : loaded && rows.length === 0 ? <EmptyState webhookUrl={webhookUrl} filtered={filtered} onClear={() => setFilter(NO_FILTER)} /> : (
          <DeliveryList rows={rows} selectedId={selected} onNearEnd={onNearEnd} onSelect={(row) => navigate('deliveries', row.id, filterToQuery(query))} />
        )}
        <p className="muted list-count" role="status">{rows.length}{hasMore ? '+' : ''} shown</p>
      </section>
      <section className="inspector-detail" aria-label="Delivery detail">
        {selectedId === null ? <p className="empty">Select a delivery to see its headers, raw body and signature check.</p>
          : <DeliveryDetail id={selectedId} webhookUrl={webhookUrl} onStored={(record) => prepend(toSummary(record))} />}
      </section>
    </div>
  );
}
