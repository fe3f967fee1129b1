/**
 * The headless face's web UI: the built renderer and the bridge (HTTP + SSE) on 127.0.0.1 only,
 * behind a per-run random token, with Host/Origin checks and a strict CSP. Never the webhook port.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../core/api/create-api.ts';
import type { Logger } from '../core/logger.ts';
import { EventStreams, handleCall, sendJson } from './web-host-api.ts';
import { RequestGuard, setSecurityHeaders } from './web-host-guard.ts';
import { StaticFiles } from './web-host-static.ts';

export const WEB_HOST_ADDRESS = '127.0.0.1';

export class UiPortError extends Error {}

export interface WebHostOptions {
  api: Api;
  logger: Logger;
  /** The built renderer; when missing, `/` says the UI has not been built. */
  staticDir: string | null;
  /** Injected by tests; a fresh random token per run otherwise. */
  token?: string;
  heartbeatMs?: number;
}

export class WebHost {
  readonly token: string;
  private readonly options: WebHostOptions;
  private readonly server: Server;
  private readonly guard: RequestGuard;
  private readonly streams: EventStreams;
  private readonly files: StaticFiles;
  private port = 0;

  constructor(options: WebHostOptions) {
    this.options = options;
    this.token = options.token ?? randomBytes(24).toString('base64url');
    this.guard = new RequestGuard(this.token, () => this.port);
    this.streams = new EventStreams(options.api, options.heartbeatMs ?? 15_000, options.logger);
    this.files = new StaticFiles(options.staticDir);
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: Error) => {
        options.logger.error(`ui: ${error.message}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.destroy();
      });
    });
  }

  /** Binds 127.0.0.1:port (0: a free port); a port in use is a UiPortError with a clear message. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE'
          ? new UiPortError(`the UI port ${port} on ${WEB_HOST_ADDRESS} is in use; choose another with --ui-port (0 picks a free one) or ui.port, or run with --no-ui`)
          : new UiPortError(`cannot serve the UI on ${WEB_HOST_ADDRESS}:${port}: ${error.message}`));
      };
      this.server.once('error', onError);
      this.server.listen(port, WEB_HOST_ADDRESS, () => {
        this.server.off('error', onError);
        this.port = (this.server.address() as AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  /** The URL to open: it carries the token once; the page then keeps it in an HttpOnly cookie. */
  url(): string {
    return `http://${WEB_HOST_ADDRESS}:${this.port}/?token=${this.token}`;
  }

  close(): Promise<void> {
    this.streams.closeAll();
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const refusal = this.guard.checkOrigin(req);
    if (refusal) return sendJson(res, refusal.status, { error: refusal.message });
    const url = new URL(req.url ?? '/', `http://${WEB_HOST_ADDRESS}:${this.port}`);
    const isPage = req.method === 'GET' && !url.pathname.startsWith('/api/');
    if (isPage && url.searchParams.has('token') && this.guard.tokenFromQuery(url)) {
      // Trade the token for the cookie and drop it from the address bar.
      url.searchParams.delete('token');
      // One leading slash: `//evil.com` (from `/.//evil.com`) would send the browser to another host.
      const path = `/${url.pathname.replace(/^[/\\]+/, '')}`;
      res.writeHead(303, { Location: `${path}${url.search}`, 'Set-Cookie': this.guard.cookieHeader(), 'Cache-Control': 'no-store' });
      return void res.end();
    }
    if (!this.guard.authorized(req)) {
      return sendJson(res, 401, { error: 'missing or wrong token: open the URL certbell serve printed' });
    }
    if (url.pathname === '/api/events') return this.streams.handle(req, res);
    if (url.pathname.startsWith('/api/')) {
      return handleCall(this.options.api, url.pathname.slice('/api/'.length), req, res, this.options.logger);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, HEAD' });
    this.files.serve(url.pathname, res, req.method === 'HEAD', `http://${WEB_HOST_ADDRESS}:${this.port}/`);
  }
}
