// SPEC §3 against a real `certbell serve` on 127.0.0.1: every row of the table, by raw HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, type ServeProcess } from '../helpers/certbell-process.ts';
import { hmac, post, signedDelivery } from '../helpers/http.ts';

const SECRET = 'endpoint-secret';
let dir: string;
let serve: ServeProcess;

async function listJson(args: string[] = []) {
  const result = await runCertbell(['deliveries', '--json', '--data-dir', dir, ...args]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

async function detail(id: string | number) {
  const result = await runCertbell(['delivery', String(id), '--json', '--data-dir', dir]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'primary', value: SECRET }] });
  serve = await startServe(dir);
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  removeDir(dir);
});

describe('the webhook endpoint', () => {
  it('prints the exact ready line with the webhook URL', () => {
    expect(serve.readyLine).toMatch(/^certbell ready \{"webhook":"http:\/\/127\.0\.0\.1:\d+\/webhook","ui":null\}$/);
  });

  it('answers 404 to other paths and stores nothing', async () => {
    const before = (await listJson()).length;
    const res = await post(serve.webhook.replace('/webhook', '/other'), '{}');
    expect(res.status).toBe(404);
    expect((await listJson()).length).toBe(before);
  });

  it('answers 405 with Allow: POST to other methods and stores nothing', async () => {
    const before = (await listJson()).length;
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await post(serve.webhook, method === 'GET' ? '' : '{}', {}, method);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
    expect((await listJson()).length).toBe(before);
  });

  it('accepts a valid delivery: 200 accepted, stored with the exact request', async () => {
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'valid-1' });
    const res = await post(serve.webhook, body, { ...headers, 'X-Custom-Header': 'Kept' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'accepted', delivery: 'valid-1' });
    const record = await detail('valid-1');
    expect(record).toMatchObject({ deliveryId: 'valid-1', outcome: 'accepted', status: 200, signature: 'valid',
      method: 'POST', path: '/webhook', event: 'ssl_panel.issued', commonName: 'example.com', remoteAddress: '127.0.0.1' });
    expect(record.body).toBe(body);
    expect(record.headers['x-custom-header']).toBe('Kept');
    expect(record.rawHeaders).toContainEqual(['X-Custom-Header', 'Kept']);
    expect(record.signatureDetail.matched).toEqual({ secret: 'primary', input: 'body', algorithm: 'sha256' });
    expect(Date.parse(record.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers duplicate for an id accepted before, stored as a grouped attempt', async () => {
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'dup-1' });
    expect(JSON.parse((await post(serve.webhook, body, headers)).body).status).toBe('accepted');
    const again = await post(serve.webhook, body, headers);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toEqual({ status: 'duplicate', delivery: 'dup-1' });
    const record = await detail('dup-1');
    expect(record.outcome).toBe('duplicate');
    expect(record.attempt).toBe(2);
    expect(record.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['accepted', 'duplicate']);
  });

  it('takes the delivery id, event and entity id from headers (any case) before metadata when only data is signed', async () => {
    const { body } = signedDelivery(SECRET, { deliveryId: 'from-body', event: 'ssl_panel.created' });
    const data = JSON.stringify(JSON.parse(body).data);
    const res = await post(serve.webhook, body, {
      sIgNaTuRe: `sha256=${hmac(SECRET, data)}`, DELIVERY: 'from-header', event: 'ssl_panel.requested', 'entity-ID': '192356',
    });
    expect(JSON.parse(res.body)).toEqual({ status: 'accepted', delivery: 'from-header' });
    expect(await detail('from-header')).toMatchObject({ event: 'ssl_panel.requested', entityId: '192356', headerMismatch: null });
  });

  it('accepts a delivery without any delivery id under a generated one', async () => {
    const body = JSON.stringify({ data: { hello: 'world' } });
    const res = await post(serve.webhook, body, { Signature: `sha256=${hmac(SECRET, body)}` });
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.body);
    expect(answer.status).toBe('accepted');
    expect(answer.delivery).toMatch(/^[0-9a-f-]{36}$/);
    expect((await detail(answer.delivery)).body).toBe(body);
  });

  it('accepts, stores and shows unknown events such as a test ping', async () => {
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'ping-1', event: 'ping', data: { ping: true } });
    const res = await post(serve.webhook, body, headers);
    expect(JSON.parse(res.body)).toEqual({ status: 'accepted', delivery: 'ping-1' });
    expect((await listJson(['--event', 'ping']))[0]).toMatchObject({ deliveryId: 'ping-1', event: 'ping', outcome: 'accepted' });
  });

  it('rejects a missing signature: 401 invalid signature, stored as rejected/missing', async () => {
    const { body } = signedDelivery(SECRET, { deliveryId: 'nosig-1' });
    const res = await post(serve.webhook, body);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: 'invalid signature' });
    expect(await detail('nosig-1')).toMatchObject({ outcome: 'rejected', status: 401, signature: 'missing', body });
  });

  it('rejects a wrong secret without leaking the computed digest', async () => {
    const { body, headers } = signedDelivery('not-the-secret', { deliveryId: 'wrong-1' });
    const res = await post(serve.webhook, body, headers);
    expect(res.status).toBe(401);
    expect(res.body).toBe('{"error":"invalid signature"}');
    const computed = hmac(SECRET, body);
    expect(res.body).not.toContain(computed.slice(0, 12));
    const record = await detail('wrong-1');
    expect(record).toMatchObject({ outcome: 'rejected', signature: 'invalid' });
    expect(record.signatureDetail.tried[0]).toMatchObject({ secret: 'primary', input: 'body', computed: computed.slice(0, 12) });
    expect(JSON.stringify(record.signatureDetail)).not.toContain(computed);
  });

  it('rejects non-JSON and non-object bodies with 400, stored as rejected', async () => {
    for (const [id, body, error] of [['bad-json', '{"metadata": nope', 'body is not valid JSON'],
      ['bad-array', '[1,2,3]', 'body is not a JSON object'], ['bad-string', '"text"', 'body is not a JSON object']]) {
      const res = await post(serve.webhook, body, { Signature: `sha256=${hmac(SECRET, body)}`, Delivery: id });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error });
      expect(await detail(id)).toMatchObject({ outcome: 'rejected', status: 400, signature: 'valid', body });
    }
  });

  it('lists deliveries newest first with the fields of SPEC §9', async () => {
    const rows = await listJson();
    expect(rows.length).toBeGreaterThan(5);
    expect(Object.keys(rows[0]).sort()).toEqual(['attempt', 'commonName', 'deliveryId', 'entityId', 'event', 'id',
      'outcome', 'receivedAt', 'signature', 'status'].sort());
    const ids = rows.map((r) => r.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await listJson(['--outcome', 'rejected'])).every((r) => r.outcome === 'rejected')).toBe(true);
    expect(await listJson(['--limit', '2'])).toHaveLength(2);
  });
});

describe('without a configured secret', () => {
  it('answers 401 no secret configured and stores the delivery as rejected', async () => {
    const bare = tempDataDir();
    const server = await startServe(bare);
    try {
      const { body, headers } = signedDelivery('anything', { deliveryId: 'nosecret-1' });
      const res = await post(server.webhook, body, headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toEqual({ error: 'no secret configured' });
      const shown = await runCertbell(['delivery', 'nosecret-1', '--json', '--data-dir', bare]);
      expect(JSON.parse(shown.stdout)).toMatchObject({ outcome: 'rejected', status: 401 });
    } finally {
      await server.stop();
      removeDir(bare);
    }
  });

  it('accepts unsigned deliveries as unverified when allowUnsigned is true', async () => {
    const open = tempDataDir({ allowUnsigned: true });
    const server = await startServe(open);
    try {
      const res = await post(server.webhook, JSON.stringify({ metadata: { delivery: 'unsigned-1' }, data: {} }));
      expect(JSON.parse(res.body)).toEqual({ status: 'accepted', delivery: 'unsigned-1' });
      const shown = await runCertbell(['delivery', 'unsigned-1', '--json', '--data-dir', open]);
      expect(JSON.parse(shown.stdout)).toMatchObject({ outcome: 'accepted', signature: 'unverified' });
    } finally {
      await server.stop();
      removeDir(open);
    }
  });
});

describe('a data value nested thousands deep', () => {
  it('answers 401 to a wrong signature on a data value nested thousands deep, and stores it', async () => {
    const deep = `{"metadata":{"delivery":"deep-5000"},"data":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const res = await post(serve.webhook, deep, { Signature: `sha256=${hmac('wrong', deep)}` });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: 'invalid signature' });
    expect(await detail('deep-5000')).toMatchObject({ status: 401, outcome: 'rejected', signature: 'invalid' });
  });
});
