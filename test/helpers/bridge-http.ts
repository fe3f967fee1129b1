/** The HTTP bridge of a running `certbell serve` as a page calls it: POST /api/<method> with JSON and the printed token. */
import { request } from 'node:http';

/** A bridge answer as both transports carry it: a result, or a status with the error message. */
export type BridgeReply = { ok: true; result: unknown } | { ok: false; status: number; error: string };

export type BridgeCall = (method: string, params?: unknown) => Promise<BridgeReply>;

/** `uiUrl` is the UI URL from the ready line (`http://127.0.0.1:PORT/?token=...`). */
export function httpBridge(uiUrl: string): BridgeCall {
  const printed = new URL(uiUrl);
  const token = printed.searchParams.get('token')!;
  return (method, params = {}) => new Promise((resolve, reject) => {
    const body = Buffer.from(JSON.stringify(params));
    const req = request(`${printed.origin}/api/${method}`, { method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        resolve(res.statusCode === 200 ? { ok: true, result: value }
          : { ok: false, status: res.statusCode!, error: (value as { error: string }).error });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
