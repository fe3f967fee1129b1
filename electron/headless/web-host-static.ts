/** The built renderer (`dist/renderer/`), or, until it is built, a plain page that says so. */
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { contentType, fileUnder } from '../core/static-path.ts';

function isDirectory(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

function notBuiltPage(url: string): string {
  return `Certbell — the web UI has not been built yet.

Build it with \`npm run build\` (it is served from dist/renderer/), then reload this page.

Meanwhile the bridge API answers here, with the token of this run (from the printed URL):
  curl -X POST -H "Authorization: Bearer <token>" -H "Content-Type: application/json" \\
       -d '{}' ${url}api/status
  POST /api/<method> with JSON params, e.g. deliveries.list {"limit": 20}, deliveries.get {"id": "1"}
  GET  /api/events   Server-Sent Events: delivery, notification, certificate, hookOutput
`;
}

export class StaticFiles {
  private readonly root: string | null;

  constructor(root: string | null) {
    this.root = root;
  }

  /** Answers a GET/HEAD outside /api; `base` is the host's own URL, for the not-built page. */
  serve(pathname: string, res: ServerResponse, head: boolean, base: string): void {
    const root = this.root && isDirectory(this.root) ? this.root : null;
    if (!root) {
      if (pathname !== '/') return this.send(res, 404, 'text/plain; charset=utf-8', 'Not found.\n', head);
      return this.send(res, 200, 'text/plain; charset=utf-8', notBuiltPage(base), head);
    }
    let file = fileUnder(root, pathname);
    if (file === 'bad') return this.send(res, 400, 'text/plain; charset=utf-8', 'Bad path.\n', head);
    if (file === null) return this.send(res, 404, 'text/plain; charset=utf-8', 'Not found.\n', head);
    if (isDirectory(file)) file = join(file, 'index.html');
    // Client-side routes (no file extension) get the app's index.html.
    if (!isFile(file) && !extname(pathname)) file = join(root, 'index.html');
    if (!isFile(file)) return this.send(res, 404, 'text/plain; charset=utf-8', 'Not found.\n', head);
    res.writeHead(200, { 'Content-Type': contentType(file), 'Cache-Control': 'no-cache' });
    if (head) return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  private send(res: ServerResponse, status: number, type: string, text: string, head: boolean): void {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(head ? undefined : text);
  }
}
