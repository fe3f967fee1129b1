/**
 * The webhook listener (SPEC §3, §11): one route, POST only, bounded bodies, connections and
 * buffered bytes. No UI and no API on this port, because a tunnel may expose it to the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '../logger.ts';
import type { Ingest } from '../ingest/ingest.ts';
import { jsonReply, type Reply } from '../ingest/received-request.ts';
import { answerClientError, answerConnect, refusedRoute, unsupportedTransferEncoding } from './raw-answers.ts';
import { BodyBudget } from './body-budget.ts';
import { MemoryRelease } from './memory-release.ts';
import { BodyReader } from './body-reader.ts';
import { clientAddress } from './client-address.ts';
import { ConnectionTable } from './connection-table.ts';
import { BodiesArriving } from './bodies-arriving.ts';

export interface ListenerSettings {
  path: string;
  maxBodyBytes: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxConnections: number;
  maxBufferedBytes: number;
  minBodyBytesPerSecond: number;
  clientAddressHeader: string | null;
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
/** How long a known sender's idle connection is kept (see keepKnownSender). */
const KNOWN_SENDER_KEEPALIVE_S = 60;
/** Connections refused at the limit are logged at most this often, with their count. */
const DROP_LOG_INTERVAL_MS = 10_000;

function send(res: ServerResponse, reply: Reply, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(reply.body),
    ...reply.headers,
  };
  if (close) headers.Connection = 'close';
  else if (reply.trusted && res.shouldKeepAlive) keepKnownSender(res, headers);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/**
 * A connection that has just carried a new, validly signed delivery stays open for
 * KNOWN_SENDER_KEEPALIVE_S when idle instead of Node's 5 s, and says so (`Keep-Alive: timeout=`),
 * so the sender's pool reuses it: at the connection limit a new connection cannot be told from an
 * attacker's, a kept one needs no place it does not have.
 */
function keepKnownSender(res: ServerResponse, headers: Record<string, string | number>): void {
  headers.Connection = 'keep-alive';
  headers['Keep-Alive'] = `timeout=${KNOWN_SENDER_KEEPALIVE_S}`;
  const socket = res.socket;
  // After Node's own finish handler, which sets its 5 s idle timeout.
  res.once('finish', () => socket?.setTimeout((KNOWN_SENDER_KEEPALIVE_S + 1) * 1000));
}

/** Answer, then stop reading: the socket is half-closed and torn down shortly after (`closing` is told when). */
function sendAndClose(req: IncomingMessage, res: ServerResponse, reply: Reply, closing: (socket: Socket) => void): void {
  send(res, reply, true);
  res.on('finish', () => {
    req.socket.end();
    closing(req.socket as Socket);
    setTimeout(() => req.socket.destroy(), 1000).unref();
  });
}

export class WebhookListener {
  private readonly server: Server;
  private readonly deps: ListenerDeps;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  /** Bodies still arriving: checked for their rate, and cut short by close() after SHUTDOWN_GRACE_MS. */
  private readonly arriving: BodiesArriving;
  /** The body each connection is reading, for a parser error in the middle of it. */
  private readonly readerOf = new WeakMap<Duplex, BodyReader>();
  private readonly budget: BodyBudget;
  private readonly connections: ConnectionTable;
  private readonly release = new MemoryRelease();
  private dropped = { count: 0, loggedAt: 0 };
  /** Each connection's latest response not yet sent (responses go out in request order). */
  private readonly answering = new WeakMap<Duplex, ServerResponse>();

  constructor(deps: ListenerDeps) {
    this.deps = deps;
    this.budget = new BodyBudget(() => this.deps.settings().maxBufferedBytes);
    this.server = createServer({
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: deps.settings().headersTimeoutMs,
      requestTimeout: 0,
      connectionsCheckingInterval: 250,
      keepAliveTimeout: 5000,
    }, (req, res) => this.onRequest(req, res));
    // Node hands CONNECT to its own event and, with no listener, drops the socket unanswered.
    this.server.on('connect', (req: IncomingMessage, socket: Duplex) => answerConnect(req, socket, this.deps.settings().path));
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => this.onClientError(error, socket));
    this.arriving = new BodiesArriving({
      max: () => this.deps.settings().maxConnections, used: () => this.connections.size,
      leave: (socket) => this.connections.leave(socket), now: () => this.deps.now(),
    });
    this.connections = new ConnectionTable({
      max: () => this.deps.settings().maxConnections,
      evictSlowest: () => this.arriving.displaceSlowest(),
      onDrop: () => this.onDrop(),
    });
    // After Node's own connection listener (the parser is in place), so a refused socket closes like any other.
    this.server.on('connection', (socket: Socket) => {
      this.release.active();
      this.connections.admit(socket);
    });
  }

  /** A connection answered and being closed no longer holds a place in the table. */
  private readonly closing = (socket: Socket) => this.connections.leave(socket);

  /**
   * Bytes Node's parser refuses. In the middle of a body being read (an oversized chunk extension,
   * a malformed chunk) that body is answered now, not when its deadline passes.
   */
  private onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    const reader = this.readerOf.get(socket);
    if (reader?.arriving) {
      const refusal = error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? { status: 413, error: 'chunk extensions too large' } : { status: 400, error: `malformed request body (${error.code ?? error.message})` };
      return reader.refuse(refusal);
    }
    answerClientError(error, socket, this.answering.get(socket));
  }

  /** A connection over `maxConnections`, closed at once; the log says how many, now and then. */
  private onDrop(): void {
    this.dropped.count++;
    const now = this.deps.now();
    if (now - this.dropped.loggedAt < DROP_LOG_INTERVAL_MS) return;
    this.deps.logger.warn(`listener: ${this.dropped.count} connection(s) closed at once: `
      + `${this.deps.settings().maxConnections} connections are open (listener.maxConnections)`);
    this.dropped = { count: 0, loggedAt: now };
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
        this.release.start();
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
    const cut = setTimeout(() => {
      this.arriving.refuseAll({ status: 503, error: 'the server is shutting down' });
    }, Math.min(SHUTDOWN_GRACE_MS, this.deps.settings().bodyTimeoutMs));
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    clearTimeout(cut);
    this.release.stop();
    this.arriving.stop();
    this.server.closeAllConnections();
    await closed;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const settings = this.deps.settings();
    const target = req.url ?? '/';
    // Framing Certbell cannot read: answered at once, the connection closed (SPEC §11).
    const unsupported = unsupportedTransferEncoding(req.headers['transfer-encoding']);
    if (unsupported) return sendAndClose(req, res, unsupported, this.closing);
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
    const peer = req.socket.remoteAddress ?? null;
    const meta = {
      method: req.method ?? 'POST', path: target, rawHeaders: req.rawHeaders, headers: req.headers,
      remoteAddress: clientAddress(peer, req.headers, settings.clientAddressHeader), socketAddress: peer,
      receivedAt: this.deps.now(),
    };
    const early = this.deps.ingest.refuseEarly(meta.remoteAddress, meta.receivedAt);
    if (early) return sendAndClose(req, res, early, this.closing);
    // A reader that is done leaves `arriving` at its next check.
    const reader = new BodyReader(req, settings, this.budget, meta.receivedAt, {
      onBody: (body, release) => {
        if (res.headersSent) return release();
        this.deps.ingest.handle({ ...meta, body }).then((reply) => send(res, reply), (error: Error) => {
          this.deps.logger.error(`listener: ${error.message}`);
          send(res, jsonReply(500, { error: 'internal error' }));
        }).finally(release);
      },
      // The answer waits for the record (and the per-address limit, which may turn it into a 429),
      // but the body is not read any further.
      onRefused: (bodySize, refusal) => {
        const headers = refusal.retryAfterSeconds ? { 'Retry-After': String(refusal.retryAfterSeconds) } : undefined;
        this.deps.ingest.rejectUnread(meta, bodySize, refusal.status, refusal.error, headers)
          .then((reply) => sendAndClose(req, res, reply, this.closing), (failure: Error) => {
            this.deps.logger.error(`listener: ${failure.message}`);
            sendAndClose(req, res, jsonReply(500, { error: 'internal error' }), this.closing);
          });
      },
    });
    if (reader.done) return;
    this.arriving.add(reader);
    this.readerOf.set(req.socket, reader);
  }
}
