/**
 * The web host's event stream under a page that stops reading: its writes respect backpressure, a
 * stream that falls too far behind is ended by the server, and nobody else notices.
 */
import { request, type ClientRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { until } from '../helpers/polling.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'sse-secret-value-0123456789';
const CAP = 64 * 1024;
// 64 KiB of U+0001 on each stream: "\u0001" in JSON, so each run pushes about 800 KB of events.
const LOUD = `head -c ${CAP} /dev/zero | tr '\\000' '\\001'; head -c ${CAP} /dev/zero | tr '\\000' '\\001' >&2`;

let dataDir: string;
let served: ServeUi;
let port: number;
let token: string;

beforeAll(async () => {
  dataDir = tempDataDir({ listener: { port: 0 }, secrets: [{ label: 'main', value: SECRET }],
    hooks: [{ name: 'loud', stage: 'post', command: ['sh', '-c', LOUD] }] });
  served = await startServeUi(dataDir);
  const printed = new URL(served.ui);
  token = printed.searchParams.get('token')!;
  port = Number(printed.port);
  const sent = await runCertbell(['send', '--url', served.webhook, '--secret', SECRET, '--delivery-id', 'dlv-sse']);
  expect(sent.code, sent.stderr).toBe(0);
}, 30_000);

afterAll(async () => {
  await served?.stop();
  if (dataDir) removeDir(dataDir);
});

function callApi(method: string, params: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/api/${method}`, method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(params));
  });
}

/** A page that reads: every hookOutput text by run id, and how many bytes of stream it got. */
function readingClient(): Promise<{ texts: Map<string, number>; bytes(): number; ended(): boolean; req: ClientRequest }> {
  return new Promise((resolve, reject) => {
    const texts = new Map<string, number>();
    let bytes = 0;
    let ended = false;
    let rest = '';
    const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        bytes += Buffer.byteLength(chunk);
        const frames = (rest + chunk).split('\n\n');
        rest = frames.pop()!;
        for (const frame of frames) {
          if (!frame.startsWith('event: hookOutput\n')) continue;
          const data = JSON.parse(frame.split('\n')[1].slice('data: '.length)) as { runId: string; text: string };
          texts.set(data.runId, (texts.get(data.runId) ?? 0) + data.text.length);
        }
      });
      res.on('end', () => { ended = true; });
      resolve({ texts, bytes: () => bytes, ended: () => ended, req });
    });
    req.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'ECONNRESET') reject(e); });
    req.end();
  });
}

/** A page that stops reading once the stream has started: a raw socket, paused. */
function stalledClient(): Promise<{ socket: Socket; bytes(): number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    });
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      const first = bytes === 0;
      bytes += chunk.length;
      if (first) {
        expect(chunk.toString()).toMatch(/^HTTP\/1\.1 200/);
        socket.pause();
        resolve({ socket, bytes: () => bytes });
      }
    });
  });
}

it('ends the stream of a page that stops reading; the host and the other pages go on', async () => {
  const reader = await readingClient();
  const stalled = await stalledClient();
  const runs: string[] = [];
  // However much the kernel's socket buffers take first (tens of MB at most), the host's own queue then fills.
  while (!served.stderr().includes('event stream fell') && runs.length < 60) {
    const runId = `run-${runs.length}`;
    const reply = await callApi('hooks.test', { name: 'loud', deliveryId: 'dlv-sse', runId });
    expect(reply.status, reply.body).toBe(200);
    runs.push(runId);
  }
  expect(served.stderr()).toContain('event stream fell 1024 KiB behind');
  // Events after the drop still reach the page that reads.
  for (const runId of ['after-1', 'after-2']) {
    expect((await callApi('hooks.test', { name: 'loud', deliveryId: 'dlv-sse', runId })).status).toBe(200);
    runs.push(runId);
  }
  await until('the reading page has every run\'s output', () => runs.every((id) => reader.texts.get(id) === 2 * CAP), 30_000);
  expect(reader.ended()).toBe(false);

  // The stalled page, reading again, gets what the buffers held and then the end of the stream.
  const closed = new Promise<void>((done) => {
    stalled.socket.removeAllListeners('error');
    stalled.socket.on('error', () => done());
    stalled.socket.on('close', () => done());
  });
  stalled.socket.resume();
  await closed;
  expect(stalled.bytes()).toBeLessThan(reader.bytes());
  expect((await callApi('status', {})).status).toBe(200);
  reader.req.destroy();
}, 120_000);
