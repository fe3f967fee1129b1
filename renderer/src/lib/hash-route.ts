/** Hash routes (`#/deliveries/12`): they survive reloads under any base, the web host's or a custom protocol's. */
import { useEffect, useState } from 'react';

export interface Route {
  view: string;
  arg: string | null;
}

export function parseHash(hash: string): Route {
  const [view = '', arg] = hash.replace(/^#\/?/, '').split('/');
  return { view: view || 'dashboard', arg: arg ? decodeURIComponent(arg) : null };
}

export function href(view: string, arg?: string | number | null): string {
  return `#/${view}${arg === undefined || arg === null ? '' : `/${encodeURIComponent(String(arg))}`}`;
}

export function navigate(view: string, arg?: string | number | null): void {
  window.location.hash = href(view, arg);
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
