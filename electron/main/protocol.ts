/**
 * The renderer is served from `app://certbell/` rather than `file://`: a file:// page could read
 * any local file it can name, while this handler answers only files under the built renderer,
 * with a strict Content-Security-Policy on every response.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentType, fileUnder } from '../core/static-path.ts';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://certbell`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
  + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

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
  const file = fileUnder(root, url.pathname);
  return file === 'bad' ? null : file;
}

export function setupProtocol(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return answer(405, 'Method not allowed.\n', 'text/plain; charset=utf-8');
    const file = fileFor(root, request.url);
    if (!file) return answer(404, 'Not found.\n', 'text/plain; charset=utf-8');
    try {
      return answer(200, new Uint8Array(await readFile(file)), contentType(file));
    } catch {
      return answer(404, 'Not found.\n', 'text/plain; charset=utf-8');
    }
  });
}
