/** The bridge over HTTP: `POST /api/<method>` with JSON, and `GET /api/events` as Server-Sent Events. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BridgeEvent } from '../../shared/bridge/index.ts';
import { STATUS_BY_KIND } from '../core/api/api-error.ts';
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
    return sendJson(res, STATUS_BY_KIND[outcome.kind], { error: outcome.error });
  } catch (error) {
    logger.error(`ui: ${method} failed: ${(error as Error).stack ?? (error as Error).message}`);
    return sendJson(res, 500, { error: `${method} failed: ${(error as Error).message}` });
  }
}

/** One SSE stream per open page; ends when the page goes away or the host stops. */
export class EventStreams {
  private readonly api: Api;
  private readonly heartbeatMs: number;
  private readonly open = new Set<ServerResponse>();

  constructor(api: Api, heartbeatMs: number) {
    this.api = api;
    this.heartbeatMs = heartbeatMs;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'use GET' }, { Allow: 'GET' });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store',
      Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n: connected\n\n');
    this.open.add(res);
    const unsubscribe = this.api.subscribe((event: BridgeEvent) => {
      res.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    heartbeat.unref();
    res.on('close', () => { clearInterval(heartbeat); unsubscribe(); this.open.delete(res); });
  }

  closeAll(): void {
    for (const res of this.open) res.end();
  }
}
