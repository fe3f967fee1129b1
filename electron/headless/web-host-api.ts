/** The bridge over HTTP: `POST /api/<method>` with JSON, and `GET /api/events` as Server-Sent Events. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BridgeEvent } from '../../shared/bridge/index.ts';
import type { Api } from '../core/api/create-api.ts';
import type { Logger } from '../core/logger.ts';

const MAX_PARAMS_BYTES = 1_048_576;

export function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PARAMS_BYTES) { resolve(null); req.resume(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function handleCall(api: Api, method: string, req: IncomingMessage, res: ServerResponse, logger: Logger): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST with JSON params' }, { Allow: 'POST' });
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return sendJson(res, 415, { error: 'Content-Type must be application/json' });
  const body = await readBody(req);
  if (body === null) return sendJson(res, 413, { error: 'params too large' });
  let params: unknown;
  try {
    params = body.length ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    return sendJson(res, 400, { error: 'the body is not valid JSON' });
  }
  try {
    const outcome = await api.dispatch(method, params);
    if (outcome.ok) return sendJson(res, 200, outcome.result);
    return sendJson(res, outcome.status, { error: outcome.error });
  } catch (error) {
    logger.error(`ui: ${method} failed: ${(error as Error).stack ?? (error as Error).message}`);
    return sendJson(res, 500, { error: `${method} failed: ${(error as Error).message}` });
  }
}

/** Events a page that stopped reading may fall behind by before its stream is dropped. */
export const MAX_PENDING_BYTES = 1024 * 1024;

/**
 * Writes that respect backpressure: while the socket is full, text waits here (not in the
 * response's own unbounded buffer) and goes out on 'drain'. Past `maxPending` bytes the client is
 * not reading: the stream is dropped, and the page's EventSource reconnects and reads again.
 */
export class BoundedStream {
  private readonly res: ServerResponse;
  private readonly maxPending: number;
  private readonly onDropped: () => void;
  private pending: string[] = [];
  private pendingBytes = 0;
  private blocked = false;

  constructor(res: ServerResponse, maxPending: number, onDropped: () => void = () => {}) {
    this.res = res;
    this.maxPending = maxPending;
    this.onDropped = onDropped;
    res.on('drain', () => this.flush());
  }

  write(text: string): void {
    if (this.res.destroyed) return;
    if (!this.blocked) {
      this.blocked = !this.res.write(text);
      return;
    }
    this.pending.push(text);
    this.pendingBytes += Buffer.byteLength(text);
    if (this.pendingBytes + this.res.writableLength > this.maxPending) this.drop();
  }

  private flush(): void {
    this.blocked = false;
    const waiting = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    if (waiting) this.write(waiting);
  }

  private drop(): void {
    this.pending = [];
    this.pendingBytes = 0;
    // Not end(): that would queue behind the data the client is not reading.
    this.res.destroy();
    this.onDropped();
  }
}

/** One SSE stream per open page; ends when the page goes away or the host stops. */
export class EventStreams {
  private readonly api: Api;
  private readonly heartbeatMs: number;
  private readonly logger: Logger;
  private readonly open = new Set<ServerResponse>();

  constructor(api: Api, heartbeatMs: number, logger: Logger) {
    this.api = api;
    this.heartbeatMs = heartbeatMs;
    this.logger = logger;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'use GET' }, { Allow: 'GET' });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store',
      Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    this.open.add(res);
    const stream = new BoundedStream(res, MAX_PENDING_BYTES, () => this.logger.warn(
      `ui: an event stream fell ${MAX_PENDING_BYTES / 1024} KiB behind (the page is not reading); dropped it, the page reconnects`));
    stream.write('retry: 2000\n: connected\n\n');
    const unsubscribe = this.api.subscribe((event: BridgeEvent) => {
      stream.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
    });
    const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), this.heartbeatMs);
    heartbeat.unref();
    res.on('close', () => { clearInterval(heartbeat); unsubscribe(); this.open.delete(res); });
  }

  closeAll(): void {
    for (const res of this.open) res.end();
  }
}
