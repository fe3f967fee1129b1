/**
 * A fake of Openprovider's REST API: exactly the subset of SPEC §13, as a real HTTP server on
 * 127.0.0.1. Login, the orders list with paging, one order, the response wrapper, a 401 for an
 * expired or unknown token, `maintenance: true` on demand, and a slow answer on demand. Tests
 * change the orders between calls (the world moving on while the workstation is off).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ApiOrder } from '../../electron/core/provider/openprovider-api.ts';

export interface FakeOrder extends Partial<Omit<ApiOrder, 'id' | 'status'>> {
  id: number;
  status: string;
}

export interface FakeApi {
  url: string;
  orders: FakeOrder[];
  /** Every request, as "METHOD /path?query" (the password never appears here: it is in a body). */
  readonly requests: string[];
  /** Login bodies received (to prove what was sent). */
  readonly logins: { username: string; password: string; ip: string }[];
  maintenance: boolean;
  /** Milliseconds every answer waits. */
  delayMs: number;
  /** Tokens issued so far stop working (the next call gets 401). */
  expireTokens(): void;
  close(): Promise<void>;
}

const wrap = (data: unknown, code = 0, desc = '', maintenance = false) => ({ code, desc, data, maintenance, warnings: [] });

function detail(o: FakeOrder) {
  return { id: o.id, status: o.status, common_name: o.common_name ?? null, host_names: o.host_names ?? [],
    active_date: o.active_date ?? null, expiration_date: o.expiration_date ?? null, certificate: o.certificate ?? null,
    intermediate_certificate: o.intermediate_certificate ?? null, root_certificate: o.root_certificate ?? null };
}

/** The list gives the summary fields only; the PEMs come with the order itself. */
function summary(o: FakeOrder) {
  const { certificate: _c, intermediate_certificate: _i, root_certificate: _r, ...rest } = detail(o);
  return rest;
}

export async function startFakeOpenprovider(account: { username: string; password: string }, orders: FakeOrder[] = []): Promise<FakeApi> {
  const tokens = new Set<string>();
  const api: FakeApi = {
    url: '', orders, requests: [], logins: [], maintenance: false, delayMs: 0,
    expireTokens: () => tokens.clear(),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
    }, api.delayMs);
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    api.requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (api.maintenance) return send(res, 503, wrap(null, 1, 'Maintenance', true));
    if (req.method === 'POST' && url.pathname === '/v1beta/auth/login') {
      let login: { username?: string; password?: string; ip?: string };
      try { login = JSON.parse(body) as typeof login; } catch { return send(res, 400, wrap(null, 1, 'Bad request')); }
      api.logins.push({ username: String(login.username), password: String(login.password), ip: String(login.ip) });
      if (login.username !== account.username || login.password !== account.password) {
        return send(res, 401, wrap(null, 196, 'Authentication/Authorization Failed'));
      }
      const token = randomUUID();
      tokens.add(token);
      return send(res, 200, wrap({ token, reseller_id: 1 }));
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !tokens.has(token)) return send(res, 401, wrap(null, 196, 'Authentication/Authorization Failed'));
    if (req.method === 'GET' && url.pathname === '/v1beta/ssl/orders') {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      return send(res, 200, wrap({ results: api.orders.slice(offset, offset + limit).map(summary), total: api.orders.length }));
    }
    const one = /^\/v1beta\/ssl\/orders\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const order = api.orders.find((o) => String(o.id) === one[1]);
      return order ? send(res, 200, wrap(detail(order))) : send(res, 404, wrap(null, 404, 'Order not found'));
    }
    return send(res, 404, wrap(null, 404, 'Not found'));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return api;
}
