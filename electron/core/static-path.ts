/**
 * Serving the built renderer's files, as both shells do (the headless web host over HTTP, the
 * desktop app's `app://` protocol): the file a URL path names, confined to the renderer's
 * directory, and its Content-Type.
 */
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
}

/** The file `pathname` (URL-encoded) names under `root`: 'bad' if it does not decode, null if it leads outside. */
export function fileUnder(root: string, pathname: string): string | null | 'bad' {
  let file: string;
  try { file = normalize(join(root, decodeURIComponent(pathname))); } catch { return 'bad'; }
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}
