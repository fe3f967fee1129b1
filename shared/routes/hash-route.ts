/**
 * The UI's hash routes (`#/deliveries/12`), written in one place for the renderer and for the
 * desktop shell's notification clicks. They survive reloads under any base, the web host's or a
 * custom protocol's. An optional query (`#/deliveries?outcome=rejected`) opens a view pre-filtered.
 */
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
