/**
 * The virtualized deliveries list: only the rows in view are in the DOM, so it stays smooth at
 * 100,000 rows. Arrow keys, Home and End move the selection; nearing the end asks for the next page.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { DeliverySummary } from '../../../shared/bridge/index.ts';
import { TimeAgo } from './time-ago.tsx';

const ROW_HEIGHT = 44;

interface Props {
  rows: DeliverySummary[];
  selectedId: number | null;
  onSelect(row: DeliverySummary): void;
  onNearEnd(): void;
}

export function DeliveryList({ rows, selectedId, onSelect, onNearEnd }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (rows.length > 0 && lastIndex >= rows.length - 20) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  // The selection reaches us through the URL (a hashchange, then a render), so a held-down arrow key
  // would step from a stale index; the row asked for last is remembered until the selection catches up.
  const pending = useRef<number | null>(null);
  if (pending.current === selectedId) pending.current = null;
  const current = () => rows.findIndex((r) => r.id === (pending.current ?? selectedId));
  const select = (row: DeliverySummary) => {
    pending.current = row.id;
    onSelect(row);
  };
  const move = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    if (!rows[target]) return;
    select(rows[target]);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    const at = current();
    if (step !== undefined) move(at < 0 ? 0 : at + step);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div ref={scrollRef} className="delivery-list" role="listbox" tabIndex={0} aria-label="Deliveries" data-list-home
      aria-activedescendant={selectedIndex >= 0 ? `delivery-row-${rows[selectedIndex].id}` : undefined} onKeyDown={onKeyDown}>
      <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          return (
            <div key={row.id} id={`delivery-row-${row.id}`} role="option" aria-selected={row.id === selectedId}
              className="delivery-row" data-testid="delivery-row" data-delivery-id={row.deliveryId}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }} onClick={() => select(row)}>
              <span className="row-badges">
                <span className={`badge row-outcome outcome-${row.outcome}`}>{row.outcome}</span>
                <span className={`badge row-signature sig-${row.signature}`}>{row.signature}</span>
              </span>
              <span className="row-main">
                <span className="row-title">{row.commonName ?? row.deliveryId}</span>
                <span className="row-sub muted">{row.event ?? 'no event'} · <TimeAgo iso={row.receivedAt} />{row.attempt > 1 ? ` · attempt ${row.attempt}` : ''}</span>
              </span>
              <span className="row-status">{row.status}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
