/**
 * The renderer is served from `app://certbell/` rather than `file://`: a file:// page could read
 * any local file it can name, while this handler answers only files under the built renderer,
 * with a strict Content-Security-Policy on every response.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://certbell`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
  + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.map': 'application/json',
};

/**
 * Must run before `app` is ready: a standard, secure scheme gets an origin and works with the CSP's
 * 'self'; Vite's `<script type="module" crossorigin>` is fetched in CORS mode, hence corsEnabled.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

function answer(status: number, body: BodyInit | null, type: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': type, 'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' } });
}

/** Resolves a request URL to a file under `root`, or null (other host, traversal, bad escape). */
export function fileFor(root: string, requestUrl: string): string | null {
  let url: URL;
  try { url = new URL(requestUrl); } catch { return null; }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'certbell') return null;
  let file: string;
  try { file = normalize(join(root, decodeURIComponent(url.pathname))); } catch { return null; }
  const inside = root.endsWith(sep) ? root : root + sep;
  if (!file.startsWith(inside)) return null;
  return file;
}

export function setupProtocol(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return answer(405, 'Method not allowed.\n', 'text/plain; charset=utf-8');
    const file = fileFor(root, request.url);
    if (!file) return answer(404, 'Not found.\n', 'text/plain; charset=utf-8');
    try {
      return answer(200, new Uint8Array(await readFile(file)), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      return answer(404, 'Not found.\n', 'text/plain; charset=utf-8');
    }
  });
}
