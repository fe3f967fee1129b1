/**
 * The webhook listener (SPEC §3): one route, POST only, a bounded body read with a deadline.
 * No UI and no API on this port, because a tunnel may expose it to the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';
import type { Ingest } from '../ingest/ingest.ts';
import { jsonReply, type Reply } from '../ingest/received-request.ts';
import { answerClientError, answerConnect, refusedRoute } from './raw-answers.ts';

export interface ListenerSettings {
  path: string;
  maxBodyBytes: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export interface ListenerDeps {
  ingest: Ingest;
  settings: () => ListenerSettings;
  logger: Logger;
  now: () => number;
}

/** A failed bind; `code` is the system's (EADDRINUSE, EACCES) and `port` the one asked for, so a shell can explain it. */
export class ListenError extends Error {
  readonly code: string | undefined;
  readonly port: number;
  constructor(message: string, code: string | undefined, port: number) {
    super(message);
    this.code = code;
    this.port = port;
  }
}

const MAX_HEADER_BYTES = 16 * 1024;
/** How long a shutdown waits for request bodies still arriving. */
const SHUTDOWN_GRACE_MS = 5000;

function send(res: ServerResponse, reply: Reply, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(reply.body),
    ...reply.headers,
  };
  if (close) headers.Connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** Answer, then stop reading: the socket is half-closed and torn down shortly after. */
function sendAndClose(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  send(res, reply, true);
  res.on('finish', () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), 1000).unref();
  });
}

export class WebhookListener {
  private readonly server: Server;
  private readonly deps: ListenerDeps;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  /** Requests still reading their body: close() cuts them short after SHUTDOWN_GRACE_MS. */
  private readonly reading = new Set<(status: number, error: string) => void>();
  /** Each connection's latest response not yet sent (responses go out in request order). */
  private readonly answering = new WeakMap<Duplex, ServerResponse>();

  constructor(deps: ListenerDeps) {
    this.deps = deps;
    this.server = createServer({
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: deps.settings().headersTimeoutMs,
      requestTimeout: 0,
      connectionsCheckingInterval: 250,
      keepAliveTimeout: 5000,
    }, (req, res) => this.onRequest(req, res));
    // Node hands CONNECT to its own event and, with no listener, drops the socket unanswered.
    this.server.on('connect', (req: IncomingMessage, socket: Duplex) => answerConnect(req, socket, this.deps.settings().path));
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) =>
      answerClientError(error, socket, this.answering.get(socket)));
  }

  /** Applies settings that live on the server itself (after a config reload), not per request. */
  applySettings(): void {
    this.server.headersTimeout = this.deps.settings().headersTimeoutMs;
  }

  listen(host: string, port: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        const why = error.code === 'EADDRINUSE' ? 'the address is already in use'
          : error.code === 'EACCES' ? 'permission denied' : error.message;
        reject(new ListenError(`cannot listen on ${host}:${port}: ${why}`, error.code, port));
      };
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  address(): AddressInfo | null {
    return this.server.address() as AddressInfo | null;
  }

  /**
   * Stops accepting and lets in-flight requests finish, then closes idle connections. A body still
   * arriving gets SHUTDOWN_GRACE_MS to complete, not all of bodyTimeoutMs (30 s by default, longer
   * than a service manager waits): after that it is answered 503 and recorded, and the provider
   * retries it.
   */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const cut = setTimeout(() => { for (const refuse of [...this.reading]) refuse(503, 'the server is shutting down'); },
      Math.min(SHUTDOWN_GRACE_MS, this.deps.settings().bodyTimeoutMs));
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    clearTimeout(cut);
    this.server.closeAllConnections();
    await closed;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const settings = this.deps.settings();
    const target = req.url ?? '/';
    const refusal = refusedRoute(req.method, target, settings.path);
    if (refusal) return send(res, refusal);
    this.inFlight++;
    this.answering.set(req.socket, res);
    res.on('close', () => this.done());
    this.receive(req, res, settings, target);
  }

  private done(): void {
    this.inFlight--;
    if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private receive(req: IncomingMessage, res: ServerResponse, settings: ListenerSettings, target: string): void {
    const meta = {
      method: req.method ?? 'POST', path: target, rawHeaders: req.rawHeaders, headers: req.headers,
      remoteAddress: req.socket.remoteAddress ?? null, receivedAt: this.deps.now(),
    };
    // The answer waits for the record (and the per-address limit, which may turn it into a 429),
    // but the body is not read any further.
    let refused = false;
    // What close() calls while this body is still being read (registered once reading starts).
    const cutShort = (status: number, error: string) => refuse(received, status, error);
    const refuse = (bodySize: number, status: number, error: string) => {
      clearTimeout(deadline);
      refused = true;
      this.reading.delete(cutShort);
      req.removeAllListeners('data');
      this.deps.ingest.rejectUnread(meta, bodySize, status, error).then((reply) => sendAndClose(req, res, reply), (failure: Error) => {
        this.deps.logger.error(`listener: ${failure.message}`);
        sendAndClose(req, res, jsonReply(500, { error: 'internal error' }));
      });
    };
    const tooLarge = `body too large (limit ${settings.maxBodyBytes} bytes)`;
    const declared = Number(req.headers['content-length'] ?? NaN);
    const deadline = declared > settings.maxBodyBytes ? undefined
      : setTimeout(() => refuse(received, 408, 'request body timeout'), settings.bodyTimeoutMs);
    if (!deadline) return refuse(declared, 413, tooLarge);
    const chunks: Buffer[] = [];
    let received = 0;
    this.reading.add(cutShort);
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > settings.maxBodyBytes) return refuse(received, 413, tooLarge);
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(deadline);
      this.reading.delete(cutShort);
      if (refused || res.headersSent) return;
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      this.deps.ingest.handle({ ...meta, body }).then((reply) => send(res, reply), (error: Error) => {
        this.deps.logger.error(`listener: ${error.message}`);
        send(res, jsonReply(500, { error: 'internal error' }));
      });
    });
    const forget = () => { clearTimeout(deadline); this.reading.delete(cutShort); };
    req.on('error', forget);
    req.on('close', forget);
  }
}
