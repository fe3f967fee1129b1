/** Following the hash routes of shared/routes in the browser: navigate, replace, and the current route. */
import { useEffect, useState } from 'react';
import { href, parseHash, type Route } from '../../../shared/routes/hash-route.ts';

export { href, parseHash, type Route };

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
