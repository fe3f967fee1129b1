/**
 * Keyboard use of the UI, in one place. `useListKeys`: arrow keys, Home/End and PageUp/PageDown move
 * the focus through a list's items (elements marked `data-list-item`); Enter opens the focused item
 * (a link opens itself; another item clicks its first link). `useViewKeys` (once, in the shell):
 * `/` focuses the current view's search box, ArrowDown in that box enters the list, and Escape goes
 * from a detail view back to its list, focusing the row that was open. The virtualized deliveries
 * list keeps its own arrow handling (the selection there is the open row).
 */
import { useCallback, useEffect, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { href, parseHash } from '../../../shared/routes/hash-route.ts';

const ITEM = '[data-list-item]';
const STEPS: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
/** Views whose `#/view/arg` is a detail of the list at `#/view`. */
const DETAIL_VIEWS = new Set(['deliveries', 'certificates']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'
    || (target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type));
}

/** The keydown handler for a list's container. */
export function useListKeys(): (e: ReactKeyboardEvent<HTMLElement>) => void {
  return useCallback((e: ReactKeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(ITEM)];
    if (items.length === 0) return;
    const at = items.findIndex((item) => item === e.target || item.contains(e.target as Node));
    const step = STEPS[e.key];
    let next: number;
    if (step !== undefined) next = at < 0 ? 0 : at + step;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Enter' && at >= 0 && items[at] === e.target && !(e.target instanceof HTMLAnchorElement)) {
      items[at].querySelector<HTMLElement>('a[href]')?.click();
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    const target = items[Math.max(0, Math.min(items.length - 1, next))];
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  }, []);
}

/** Focuses what `find` returns as soon as it is on the page (a list renders after its data arrives), for up to 2 s. */
function focusWhenShown(find: () => HTMLElement | null): void {
  const started = performance.now();
  const attempt = () => {
    const element = find();
    if (element) { element.focus(); element.scrollIntoView({ block: 'nearest' }); return; }
    if (performance.now() - started < 2000) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

function onViewKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const main = document.getElementById('main');
  if (!main) return;
  if (e.key === '/' && !isTyping(e.target)) {
    const search = main.querySelector<HTMLInputElement>('input[type="search"]');
    if (!search) return;
    e.preventDefault();
    search.focus();
    search.select();
  } else if (e.key === 'ArrowDown' && e.target instanceof HTMLInputElement && e.target.type === 'search' && main.contains(e.target)) {
    const first = main.querySelector<HTMLElement>(`${ITEM}, [data-list-home]`);
    if (!first) return;
    e.preventDefault();
    first.focus();
  } else if (e.key === 'Escape' && !isTyping(e.target) && !document.querySelector('dialog[open]')) {
    const route = parseHash(window.location.hash);
    if (!DETAIL_VIEWS.has(route.view) || route.arg === null) return;
    e.preventDefault();
    const opened = route.arg;
    window.location.hash = href(route.view, null, route.query);
    focusWhenShown(() => main.querySelector<HTMLElement>(`[data-list-key="${CSS.escape(opened)}"]`)
      ?? main.querySelector<HTMLElement>('[data-list-home]'));
  }
}

/** The shell's keys (see above); mounted once, by the app. */
export function useViewKeys(): void {
  useEffect(() => {
    window.addEventListener('keydown', onViewKey);
    return () => window.removeEventListener('keydown', onViewKey);
  }, []);
}
