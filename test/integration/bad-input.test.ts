// Bad input against a real `certbell serve`: each gets the specified status and message,
// none crashes the server, and nothing acknowledged is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, type ServeProcess } from '../helpers/certbell-process.ts';
import { hmac, post, signedDelivery } from '../helpers/http.ts';
import { rawExchange } from '../helpers/slow-socket.ts';

const OLD = 'old-secret';
const NEW = 'new-secret';
let dir: string;
let serve: ServeProcess;
const acknowledged: { deliveryId: string; body: string }[] = [];

async function detail(id: string) {
  const result = await runCertbell(['delivery', id, '--json', '--data-dir', dir]);
  return result.code === 0 ? JSON.parse(result.stdout) : null;
}

async function sendValid(deliveryId: string) {
  const { body, headers } = signedDelivery(NEW, { deliveryId });
  const res = await post(serve.webhook, body, headers);
  if (res.status === 200) acknowledged.push({ deliveryId, body });
  return res;
}

beforeAll(async () => {
  dir = tempDataDir({
    secrets: [{ label: 'old', value: OLD }, { label: 'new', value: NEW }],
    listener: { maxBodyBytes: 4096, headersTimeoutMs: 700, bodyTimeoutMs: 700, rejectLimit: { max: 1000, windowSeconds: 60 } },
  });
  serve = await startServe(dir);
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  removeDir(dir);
});

describe('oversize bodies', () => {
  it('answers 413 from Content-Length without reading, stored without body', async () => {
    const big = Buffer.alloc(200_000, 'a');
    const res = await post(serve.webhook, big, { Delivery: 'big-declared' });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toMatch(/body too large/);
    expect(res.headers.connection).toBe('close');
    const record = await detail('big-declared');
    expect(record).toMatchObject({ outcome: 'rejected', status: 413, bodyStored: false, bodySize: 200_000 });
  });

  it('stops reading a chunked body at the limit and closes the connection', async () => {
    const head = `POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nDelivery: big-chunked\r\n\r\n`;
    const chunk = `1000\r\n${'b'.repeat(0x1000)}\r\n`;
    const result = await rawExchange(serve.webhook, [{ text: head }, { text: chunk }, { text: chunk, delayMs: 50 }, { text: chunk, delayMs: 50 }]);
    expect(result.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.response).toContain('body too large');
    expect(await detail('big-chunked')).toMatchObject({ status: 413, bodyStored: false });
  });

  it('accepts a body exactly at the limit', async () => {
    const padding = 'x'.repeat(4096 - 80);
    const body = JSON.stringify({ metadata: { delivery: 'at-limit' }, data: { p: padding } }).padEnd(4096, ' ');
    expect(Buffer.byteLength(body)).toBe(4096);
    const res = await post(serve.webhook, body, { Signature: `sha256=${hmac(NEW, body)}` });
    expect(res.status).toBe(200);
  });
});

describe('signatures', () => {
  // Signed over the whole body, so the delivery id is the body's own (signed metadata wins, SPEC §11).
  const bodyOf = (id: string) => JSON.stringify({ metadata: { delivery: id, event: 'ssl_panel.issued' }, data: { a: 1 } });
  const cases: [string, (body: string) => string, number][] = [
    ['uppercase hex', (body) => `sha256=${hmac(NEW, body).toUpperCase()}`, 200],
    ['odd-case algorithm', (body) => `SHA256=${hmac(NEW, body)}`, 200],
    ['bare hex', (body) => hmac(NEW, body), 200],
    ['sha512', (body) => `sha512=${hmac(NEW, body, 'sha512')}`, 200],
    ['sha1', (body) => `sha1=${hmac(NEW, body, 'sha1')}`, 200],
    ['md5 (unsupported)', (body) => `md5=${hmac(NEW, body, 'md5')}`, 401],
    ['truncated digest', (body) => `sha256=${hmac(NEW, body).slice(0, 40)}`, 401],
    ['not hex', () => 'sha256=zzzz', 401],
    ['empty', () => '', 401],
  ];
  it.each(cases)('%s → %i', async (name, sign, status) => {
    const id = `sig-${name.replace(/\W+/g, '-')}`;
    const body = bodyOf(id);
    const res = await post(serve.webhook, body, { Signature: sign(body) });
    expect(res.status).toBe(status);
    if (status === 401) expect(JSON.parse(res.body)).toEqual({ error: 'invalid signature' });
    expect(await detail(id)).toMatchObject({ status, outcome: status === 200 ? 'accepted' : 'rejected' });
  });

  it('accepts either secret during rotation and records which one matched', async () => {
    for (const [secret, label] of [[OLD, 'old'], [NEW, 'new']]) {
      const { body: b, headers } = signedDelivery(secret, { deliveryId: `rotate-${label}` });
      expect((await post(serve.webhook, b, headers)).status).toBe(200);
      expect((await detail(`rotate-${label}`)).signatureDetail.matched.secret).toBe(label);
    }
  });

  it('accepts the provider style: HMAC of the data value, raw or re-serialized', async () => {
    const raw = '{ "metadata": {"delivery": "data-raw"},\n  "data":  { "b": [1, 2],  "a": "x" } }';
    const res = await post(serve.webhook, raw, { Signature: `sha256=${hmac(NEW, '{ "b": [1, 2],  "a": "x" }')}` });
    expect(res.status).toBe(200);
    expect((await detail('data-raw')).signatureDetail.matched.input).toBe('data-raw');
    const compact = raw.replace('data-raw', 'data-compact');
    const res2 = await post(serve.webhook, compact, { Signature: `sha256=${hmac(NEW, '{"b":[1,2],"a":"x"}')}` });
    expect(res2.status).toBe(200);
    expect((await detail('data-compact')).signatureDetail.matched.input).toBe('data-compact');
  });
});

describe('hostile clients', () => {
  it('answers 431 to a very large header set and keeps serving', async () => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < 400; i++) headers[`X-Filler-${i}`] = 'v'.repeat(60);
    const { body, headers: sig } = signedDelivery(NEW, { deliveryId: 'huge-headers' });
    const res = await post(serve.webhook, body, { ...sig, ...headers });
    expect(res.status).toBe(431);
    expect((await sendValid('after-headers')).status).toBe(200);
  });

  it('closes a connection whose headers never finish (408)', async () => {
    const result = await rawExchange(serve.webhook, [{ text: 'POST /webhook HTTP/1.1\r\nHost: x\r\n' },
      { text: 'X-Slow: 1\r\n', delayMs: 300 }]);
    expect(result.response).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.closedAfterMs).toBeLessThan(5000);
  });

  it('answers 408 to a body that never finishes and stores a rejected record', async () => {
    const result = await rawExchange(serve.webhook, [
      { text: 'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nDelivery: slow-body\r\n\r\n{"meta' }]);
    expect(result.response).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.response).toContain('request body timeout');
    expect(await detail('slow-body')).toMatchObject({ status: 408, outcome: 'rejected' });
  });

  it('answers CONNECT like any method that is not POST: 405 on the webhook path, else 404', async () => {
    const onPath = await rawExchange(serve.webhook, [{ text: 'CONNECT /webhook HTTP/1.1\r\nHost: x\r\n\r\n' }], 3000);
    expect(onPath.response).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(onPath.response).toMatch(/\r\nAllow: POST\r\n/);
    expect(onPath.response).toContain('{"error":"method not allowed"}');
    const elsewhere = await rawExchange(serve.webhook, [{ text: 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n' }], 3000);
    expect(elsewhere.response).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect((await sendValid('after-connect')).status).toBe(200);
  });

  it('answers a delivery before the malformed bytes that follow it on the same connection', async () => {
    const request = (id: string) => {
      const { body, headers } = signedDelivery(NEW, { deliveryId: id });
      return `POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nSignature: ${headers.Signature}\r\n`
        + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const cases = [
      ['same write', (id: string) => [{ text: `${request(id)}GARBAGE\r\n\r\n` }]],
      ['next write', (id: string) => [{ text: request(id) }, { text: 'GARBAGE\r\n\r\n', delayMs: 50 }]],
    ] as const;
    for (const [name, parts] of cases) {
      const id = `before-garbage-${name.replace(' ', '-')}`;
      const result = await rawExchange(serve.webhook, parts(id), 5000);
      expect(result.response, name).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(result.response, name).toContain(`{"status":"accepted","delivery":"${id}"}`);
      expect(result.response, name).toMatch(/HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/);
      expect(await detail(id)).toMatchObject({ status: 200, outcome: 'accepted' });
    }
  });

  it('survives a client that disconnects mid-body', async () => {
    await rawExchange(serve.webhook, [{ text: 'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a"' }], 200);
    expect((await sendValid('after-disconnect')).status).toBe(200);
  });

  it('stored every delivery it acknowledged, with its exact body', async () => {
    expect((await sendValid('final-check')).status).toBe(200);
    for (const { deliveryId, body } of acknowledged) {
      const raw = await runCertbell(['delivery', deliveryId, '--raw', '--data-dir', dir]);
      expect(raw.stdoutBytes.toString()).toBe(body);
    }
    expect(serve.child.exitCode).toBeNull();
  });
});

describe('rate limiting of rejected requests', () => {
  it('answers 429 past the limit to an oversize or too slow body too, and records what it answered', async () => {
    const limited = tempDataDir({ secrets: [{ label: 'k', value: NEW }],
      listener: { maxBodyBytes: 64, bodyTimeoutMs: 300, rejectLimit: { max: 2, windowSeconds: 60 } } });
    const server = await startServe(limited);
    const big = JSON.stringify({ metadata: { delivery: 'big' }, data: { p: 'x'.repeat(100) } });
    try {
      expect((await post(server.webhook, big, { Delivery: 'big-1' })).status).toBe(413);
      expect((await post(server.webhook, big, { Delivery: 'big-2' })).status).toBe(413);
      const third = await post(server.webhook, big, { Delivery: 'big-3' });
      expect(third.status).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      const slow = await rawExchange(server.webhook, [
        { text: 'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\nDelivery: slow-4\r\n\r\n{"a' }]);
      expect(slow.response).toMatch(/^HTTP\/1\.1 429 /);
      const shown = (id: string) => runCertbell(['delivery', id, '--json', '--data-dir', limited]).then((r) => (r.code === 0 ? JSON.parse(r.stdout) : null));
      expect(await shown('big-2')).toMatchObject({ status: 413, outcome: 'rejected' });
      expect(await shown('big-3')).toMatchObject({ status: 429, outcome: 'rejected' });
      // Past the first throttled one, rejections are counted, not stored.
      expect(await shown('slow-4')).toBeNull();
    } finally {
      await server.stop();
      removeDir(limited);
    }
  });


  it('answers 429 past the limit, stores only the first throttled one, still accepts valid deliveries from other addresses', async () => {
    const limited = tempDataDir({ secrets: [{ label: 'k', value: NEW }],
      listener: { rejectLimit: { max: 5, windowSeconds: 60 }, clientAddressHeader: 'x-forwarded-for' } });
    const server = await startServe(limited);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        const res = await post(server.webhook, '{}', { Signature: 'sha256=00', Delivery: `spam-${i}` });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429]);
      // The throttled address's budget is checked before any HMAC (SPEC §11): even a valid delivery from it waits.
      const { body, headers } = signedDelivery(NEW, { deliveryId: 'valid-while-limited' });
      const fromThrottled = await post(server.webhook, body, headers);
      expect(fromThrottled.status).toBe(429);
      expect(Number(fromThrottled.headers['retry-after'])).toBeGreaterThan(0);
      expect((await post(server.webhook, body, { ...headers, 'X-Forwarded-For': '198.51.100.7' })).status).toBe(200);
      const rows = JSON.parse((await runCertbell(['deliveries', '--json', '--data-dir', limited])).stdout);
      expect(rows.filter((r: { status: number }) => r.status === 429)).toHaveLength(1);
      expect(rows.filter((r: { status: number }) => r.status === 401)).toHaveLength(5);
    } finally {
      await server.stop();
      removeDir(limited);
    }
  });
});
