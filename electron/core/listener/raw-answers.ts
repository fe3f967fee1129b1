/**
 * Which requests the webhook route refuses, and the answers written straight to the socket for
 * what Node does not hand to the request handler: CONNECT, and bytes its parser refuses
 * (malformed HTTP, a header block too large or too slow).
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { jsonReply, type Reply } from '../ingest/received-request.ts';

/** What Node's own clientError handler answers (node:_http_server), byte for byte. */
const NODE_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n',
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
  default: 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
};

/**
 * The answer to a request the webhook route does not take (SPEC §3): 404 off its path, 405 for
 * any method but POST on it; null for a POST to the route. A query string does not change the route.
 */
export function refusedRoute(method: string | undefined, target: string, path: string): Reply | null {
  const query = target.indexOf('?');
  if ((query === -1 ? target : target.slice(0, query)) !== path) return jsonReply(404, { error: 'not found' });
  return method === 'POST' ? null : jsonReply(405, { error: 'method not allowed' }, { Allow: 'POST' });
}

/** SPEC §11: a `Transfer-Encoding` other than `chunked` gets 501; null when there is none or it is `chunked`. */
export function unsupportedTransferEncoding(value: string | undefined): Reply | null {
  if (value === undefined || value.trim().toLowerCase() === 'chunked') return null;
  return jsonReply(501, { error: 'transfer encoding not supported' });
}

/** CONNECT, which Node does not hand to the request handler, is refused like any other request. */
export function answerConnect(req: IncomingMessage, socket: Duplex, path: string): void {
  const reply = refusedRoute(req.method, req.url ?? '', path)!;
  const head = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status]}`, 'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(reply.body)}`, ...Object.entries(reply.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'Connection: close'];
  socket.on('error', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${reply.body}`);
}

/**
 * Malformed bytes after a request on a kept-alive connection (or in the same packet): Node's own
 * handler answers 400 and drops the socket at once, so the earlier request's answer (`pending`,
 * perhaps a 200 for a delivery already stored) never goes out. Here that answer goes out first,
 * then Node's answer for the bad bytes, then the connection closes.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, pending: ServerResponse | undefined): void {
  const answer = () => {
    if (socket.writable) socket.end(NODE_ANSWERS[error.code ?? ''] ?? NODE_ANSWERS.default);
    setTimeout(() => socket.destroy(), 1000).unref();
  };
  if (!pending || pending.writableFinished || pending.destroyed) return answer();
  pending.once('finish', answer);
  pending.once('close', () => { if (!pending.writableFinished) socket.destroy(); });
}
