// SPEC §11 against a real `certbell serve` on 127.0.0.1: the rows of the edge table, by raw HTTP and raw sockets.
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, type ServeProcess } from '../helpers/certbell-process.ts';
import { hmac, post, signedDelivery } from '../helpers/http.ts';
import { rawExchange } from '../helpers/slow-socket.ts';
import { until } from '../helpers/polling.ts';

const SECRET = 'edge-secret';
let dir: string;
let serve: ServeProcess;

async function json(args: string[]) {
  const result = await runCertbell([...args, '--json', '--data-dir', dir]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

/** Opens a socket and writes `head` (and nothing more): a body that never completes. */
function openStalled(head: string): Promise<Socket & { received: string }> {
  const { hostname, port } = new URL(serve.webhook);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname) as Socket & { received: string };
    socket.received = '';
    socket.on('data', (chunk) => { socket.received += chunk.toString(); });
    socket.on('error', () => undefined);
    socket.once('connect', () => { socket.write(head); resolve(socket); });
    socket.once('error', reject);
  });
}

const head = (contentLength: number, extra = '') =>
  `POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n${extra}\r\n`;

beforeAll(async () => {
  dir = tempDataDir({
    secrets: [{ label: 'primary', value: SECRET }],
    listener: { maxBufferedBytes: 6000, maxConnections: 12, clientAddressHeader: 'x-forwarded-for',
      rejectLimit: { max: 1000, windowSeconds: 60 } },
  });
  serve = await startServe(dir);
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  removeDir(dir);
});

describe('the edge of the listener', () => {
  it('answers a Signature header of more than 8 signatures 401 "invalid signature" and says why in the record', async () => {
    const { body } = signedDelivery(SECRET, { deliveryId: 'many-signatures' });
    // Bare hex digests (sha256): 240 of them still fit in the 16 KiB header limit.
    const header = [...Array.from({ length: 239 }, (_, i) => i.toString(16).padStart(64, '0')), hmac(SECRET, body)].join(',');
    const res = await post(serve.webhook, body, { Signature: header });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: 'invalid signature' });
    const record = await json(['delivery', 'many-signatures']);
    expect(record).toMatchObject({ outcome: 'rejected', status: 401, signature: 'invalid' });
    expect(record.signatureDetail.reason).toMatch(/too many signatures/);
    expect(record.signatureDetail.tried).toEqual([]);
  });

  it('answers 501 at once to a Transfer-Encoding other than chunked, and stores nothing', async () => {
    const before = (await json(['deliveries', '--limit', '100000'])).length;
    const result = await rawExchange(serve.webhook, [{ text: `${head(0).replace('Content-Length: 0\r\n', '')}`.replace('\r\n\r\n',
      '\r\nTransfer-Encoding: xchunked\r\n\r\n') + '5\r\nhello\r\n0\r\n\r\n' }], 5000);
    expect(result.response).toMatch(/^HTTP\/1\.1 501 /);
    expect(result.response).toMatch(/Connection: close/i);
    expect(result.closedAfterMs).toBeLessThan(1000);
    expect((await json(['deliveries', '--limit', '100000'])).length).toBe(before);
  });

  it('answers an oversized chunk extension with 413 at once, not after the body deadline', async () => {
    const text = 'POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n'
      + `5;${'x'.repeat(20_000)}=1\r\nhello\r\n0\r\n\r\n`;
    const result = await rawExchange(serve.webhook, [{ text }], 10_000);
    expect(result.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.closedAfterMs).toBeLessThan(3000);
  });

  it('answers 503 "server busy" with Retry-After once the bodies being buffered fill listener.maxBufferedBytes', async () => {
    // 6000 bytes for all bodies: two senders hold 2500 each; the third's 2500 do not fit.
    const first = await openStalled(head(3000) + 'x'.repeat(2500));
    const second = await openStalled(head(3000) + 'y'.repeat(2500));
    await new Promise((r) => setTimeout(r, 300));
    const third = await rawExchange(serve.webhook, [{ text: head(3000, 'Delivery: over-budget\r\n') + 'z'.repeat(2500) }], 5000);
    expect(third.response).toMatch(/^HTTP\/1\.1 503 /);
    expect(third.response).toMatch(/Retry-After: \d+/i);
    expect(third.response).toContain('{"error":"server busy"}');
    expect(await json(['delivery', 'over-budget'])).toMatchObject({ outcome: 'rejected', status: 503, bodyStored: false });
    first.destroy();
    second.destroy();
    // Their bytes are given back: a delivery of the same size fits again.
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'after-budget' });
    await until('the budget back', async () => (await post(serve.webhook, body, headers)).status === 200 || null, 5000);
  });

  it('answers 408 to a body arriving slower than listener.minBodyBytesPerSecond after the 5 s grace', async () => {
    const parts = [{ text: head(50_000, 'Delivery: trickle\r\n') }, ...Array.from({ length: 80 }, () => ({ text: 'a', delayMs: 100 }))];
    const result = await rawExchange(serve.webhook, parts, 15_000);
    expect(result.response).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.response).toContain('request body timeout');
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(5000);
    expect(result.closedAfterMs).toBeLessThan(8000);
    expect(await json(['delivery', 'trickle'])).toMatchObject({ outcome: 'rejected', status: 408, bodyStored: false });
  }, 20_000);

  it('closes a connection over listener.maxConnections at once, and serves again when they are gone', async () => {
    const idle = await Promise.all(Array.from({ length: 12 }, () => openStalled('')));
    await new Promise((r) => setTimeout(r, 200));
    const over = await rawExchange(serve.webhook, [{ text: head(2) + '{}' }], 3000);
    expect(over.response).toBe('');
    expect(over.closedAfterMs).toBeLessThan(1000);
    for (const socket of idle) socket.destroy();
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'after-connections' });
    await until('a free connection', async () => (await post(serve.webhook, body, headers).catch(() => ({ status: 0 }))).status === 200 || null, 5000);
  });

  it('frees places held by bodies below the minimum rate for a new connection, slowest first, answered 408', async () => {
    // Twelve senders fill the table and stall their bodies. Once they have been that slow for 1 s,
    // the slowest give up their places (an eighth of the table is kept free of slow bodies, and a new
    // connection may take the place of one more): a legitimate delivery gets in at once.
    const slow = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      openStalled(head(4000, `Delivery: held-${i}\r\n`) + 'x'.repeat(i === 5 ? 1 : 10 + i))));
    await new Promise((r) => setTimeout(r, 1600));
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'displacing' });
    const started = Date.now();
    expect((await post(serve.webhook, body, headers)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    // Its 408 goes out once its record is stored.
    await until('the slowest body answered', async () => (slow[5].received.startsWith('HTTP/1.1 408 ') ? true : null), 5000);
    expect(await json(['delivery', 'held-5'])).toMatchObject({ outcome: 'rejected', status: 408, bodyStored: false });
    // The fastest of them (held-11) still holds its place; at most an eighth of the table and one more were given up.
    const answered = slow.filter((socket) => socket.received !== '');
    expect(answered.length).toBeLessThanOrEqual(3);
    expect(slow[11].received).toBe('');
    for (const socket of slow) socket.destroy();
  });
});

describe('a known sender', () => {
  function postOn(agent: Agent, body: string, headers: Record<string, string>) {
    return new Promise<{ status: number; keepAlive: string | undefined; reused: boolean }>((resolve, reject) => {
      const req = request(serve.webhook, { method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, keepAlive: res.headers['keep-alive'] as string | undefined, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('keeps the connection of a new, validly signed delivery open for 60 s idle, and says so; others get 5 s', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const { body, headers } = signedDelivery(SECRET, { deliveryId: 'known-sender-1' });
      expect(await postOn(agent, body, headers)).toMatchObject({ status: 200, keepAlive: 'timeout=60', reused: false });
      // Longer than Node's own idle timeout (5 s, plus its 1 s margin): the same connection still carries the next one.
      await new Promise((r) => setTimeout(r, 6500));
      const next = signedDelivery(SECRET, { deliveryId: 'known-sender-2' });
      expect(await postOn(agent, next.body, next.headers)).toMatchObject({ status: 200, keepAlive: 'timeout=60', reused: true });
      // A wrong signature, or a duplicate, proves nothing about the sender.
      expect(await postOn(agent, next.body, { ...next.headers, Signature: `sha256=${'0'.repeat(64)}` }))
        .toMatchObject({ status: 401, keepAlive: 'timeout=5' });
      expect(await postOn(agent, next.body, next.headers)).toMatchObject({ status: 200, keepAlive: 'timeout=5' });
    } finally {
      agent.destroy();
    }
  }, 15_000);
});

describe('the client address behind a tunnel', () => {
  it('takes the last x-forwarded-for address from a loopback peer and keeps the socket address', async () => {
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'forwarded' });
    await post(serve.webhook, body, { ...headers, 'X-Forwarded-For': '203.0.113.250, 198.51.100.20' });
    expect(await json(['delivery', 'forwarded'])).toMatchObject({ remoteAddress: '198.51.100.20', socketAddress: '127.0.0.1' });
  });

  it('ignores the header from a peer that is not loopback', async (context) => {
    const local = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!local) {
      console.log('skipped: this machine has no non-loopback IPv4 address to connect from');
      context.skip();
      return;
    }
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'forged-forward' });
    const { port } = new URL(serve.webhook);
    const text = `POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nSignature: ${headers.Signature}\r\n`
      + `X-Forwarded-For: 198.51.100.99\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
    // From this machine's own non-loopback address to 127.0.0.1: the traffic stays on this host.
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connect({ port: Number(port), host: '127.0.0.1', localAddress: local });
      let got = '';
      socket.on('data', (c) => { got += c.toString(); });
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
      socket.write(text);
    });
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(await json(['delivery', 'forged-forward'])).toMatchObject({ remoteAddress: local, socketAddress: local });
  });
});

describe('captured deliveries sent again', () => {
  const data = { id: 'o-77', status: 'REQ', certificate: { id: 'c-77', commonName: 'relabel.example', status: 'requested' } };

  it('keeps a body-signed delivery what it was signed as: headers that disagree are recorded and ignored', async () => {
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'captured-1', event: 'ssl_panel.created', data });
    expect(JSON.parse((await post(serve.webhook, body, headers)).body).status).toBe('accepted');
    const notificationsBefore = (await json(['notifications', '--limit', '1000'])).length;
    const resent = await post(serve.webhook, body, { ...headers, Delivery: 'new-id', Event: 'ssl_panel.issued' });
    expect(resent.status).toBe(200);
    expect(JSON.parse(resent.body)).toMatchObject({ status: 'duplicate' });
    const rows = await json(['deliveries', '--limit', '5']);
    const record = await json(['delivery', String(rows[0].id)]);
    expect(record).toMatchObject({ event: 'ssl_panel.created', outcome: 'duplicate', hookRuns: [],
      headerMismatch: { deliveryId: { header: 'new-id', signed: 'captured-1' }, event: { header: 'ssl_panel.issued', signed: 'ssl_panel.created' } } });
    const text = await runCertbell(['delivery', String(rows[0].id), '--data-dir', dir]);
    expect(text.stdout).toContain('Warning       headers disagreed with the signed metadata and were ignored');
    expect(text.stdout).toContain('  Delivery:   header said "new-id", signed "captured-1"');
    expect(text.stdout).toContain('  Event:      header said "ssl_panel.issued", signed "ssl_panel.created"');
    expect((await json(['notifications', '--limit', '1000'])).length).toBe(notificationsBefore);
    expect((await json(['certificates'])).find((c: { id: string }) => c.id === 'c-77').lastEvent).toBe('ssl_panel.created');
  });

  it('answers the same signed body under a new delivery id duplicate, naming the first (replayOf)', async () => {
    const body = JSON.stringify({ metadata: { event: 'ssl_panel.created' }, data });
    const signature = { Signature: `sha256=${hmac(SECRET, body)}` };
    expect((await post(serve.webhook, body, { ...signature, 'X-Forwarded-For': '198.51.100.1' })).status).toBe(200);
    const first = (await json(['deliveries', '--limit', '1']))[0];
    const again = await post(serve.webhook, body, signature);
    expect(JSON.parse(again.body).status).toBe('duplicate');
    const record = await json(['delivery', String((await json(['deliveries', '--limit', '1']))[0].id)]);
    expect(record).toMatchObject({ outcome: 'duplicate', replayOf: first.deliveryId });
  });

  it('processes signed data reused under another event, flags it and raises a security notification', async () => {
    const reused = { ...data, id: 'o-78', certificate: { ...data.certificate, id: 'c-78' } };
    const signature = { Signature: `sha256=${hmac(SECRET, JSON.stringify(reused))}` };
    const envelope = (delivery: string, event: string) => JSON.stringify({ metadata: { delivery, event }, data: reused });
    expect((await post(serve.webhook, envelope('data-1', 'ssl_panel.created'), signature)).status).toBe(200);
    const relabelled = await post(serve.webhook, envelope('data-2', 'ssl_panel.issued'), { ...signature, Event: 'ssl_panel.issued' });
    expect(JSON.parse(relabelled.body)).toEqual({ status: 'accepted', delivery: 'data-2' });
    expect(await json(['delivery', 'data-2'])).toMatchObject({ event: 'ssl_panel.issued', outcome: 'accepted', replayOf: 'data-1' });
    expect((await runCertbell(['delivery', 'data-2', '--data-dir', dir])).stdout)
      .toContain('Replay of     delivery data-1: its signed data came again under another event');
    const security = await until('the security notification', async () =>
      (await json(['notifications', '--limit', '50'])).find((n: { kind: string; deliveryId: string }) =>
        n.kind === 'security' && n.deliveryId === 'data-2'));
    expect(security.body).toContain('data-1');
    // The same relabelled content once more is a plain duplicate of the relabelled one.
    const third = await post(serve.webhook, envelope('data-3', 'ssl_panel.issued'), signature);
    expect(JSON.parse(third.body).status).toBe('duplicate');
  });
});
