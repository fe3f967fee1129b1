/** Raw HTTP for tests: exact bytes and headers, to 127.0.0.1 only. */
import { request } from 'node:http';
import { createHmac } from 'node:crypto';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    const req = request(url, { method, headers: { 'Content-Type': 'application/json', 'Content-Length': String(data.length), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

export function hmac(secret: string, data: string | Buffer, algorithm = 'sha256'): string {
  return createHmac(algorithm, secret).update(data).digest('hex');
}

/** A minimal provider-like delivery body and its headers, signed over the whole body. */
export function signedDelivery(secret: string, opts: { deliveryId?: string; event?: string; data?: unknown } = {}) {
  const body = JSON.stringify({
    metadata: { version: '1.0.0', delivery: opts.deliveryId ?? `d-${Math.random().toString(36).slice(2)}`, event: opts.event ?? 'ssl_panel.issued' },
    data: opts.data ?? { id: 'order-1', status: 'open', certificate: { id: 'cert-1', commonName: 'example.com', status: 'active', operation: 'none' } },
  });
  return { body, headers: { Signature: `sha256=${hmac(secret, body)}` } };
}
