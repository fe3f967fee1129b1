/**
 * Hash routes (`#/deliveries/12`): they survive reloads under any base, the web host's or a custom
 * protocol's. An optional query (`#/deliveries?outcome=rejected`) lets a link open a view pre-filtered.
 */
import { useEffect, useState } from 'react';

export interface Route {
  view: string;
  arg: string | null;
  query: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [view = '', arg] = path.split('/');
  return { view: view || 'dashboard', arg: arg ? decodeURIComponent(arg) : null, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function href(view: string, arg?: string | number | null, query?: Record<string, string>): string {
  const search = query && Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '';
  return `#/${view}${arg === undefined || arg === null ? '' : `/${encodeURIComponent(String(arg))}`}${search}`;
}

export function navigate(view: string, arg?: string | number | null, query?: Record<string, string>): void {
  window.location.hash = href(view, arg, query);
}

/** Puts this address in the location bar and history entry without a `hashchange` (state already shown). */
export function replaceRoute(view: string, arg?: string | number | null, query?: Record<string, string>): void {
  const target = href(view, arg, query);
  if (window.location.hash !== target) window.history.replaceState(window.history.state, '', target);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
