/** A raw TCP client that writes a request in pieces, to test the listener's limits and deadlines. */
import { connect } from 'node:net';

export interface SocketResult {
  response: string;
  closedAfterMs: number;
}

/** Writes each part (after its delay) and collects everything until the server closes the socket. */
export function rawExchange(url: string, parts: { text: string | Buffer; delayMs?: number }[], maxWaitMs = 10_000): Promise<SocketResult> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let response = '';
    const guard = setTimeout(() => { socket.destroy(); resolve({ response, closedAfterMs: Date.now() - started }); }, maxWaitMs);
    socket.on('data', (chunk) => { response += chunk.toString(); });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      clearTimeout(guard);
      reject(error);
    });
    socket.on('close', () => { clearTimeout(guard); resolve({ response, closedAfterMs: Date.now() - started }); });
    let at = 0;
    for (const part of parts) {
      at += part.delayMs ?? 0;
      setTimeout(() => { if (!socket.destroyed) socket.write(part.text); }, at);
    }
  });
}
