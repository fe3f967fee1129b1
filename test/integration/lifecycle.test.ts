// `certbell serve` start-up failures, graceful shutdown and live reload of config.json.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, writeConfig } from '../helpers/certbell-process.ts';
import { post, signedDelivery } from '../helpers/http.ts';
import { rawExchange } from '../helpers/slow-socket.ts';

const dirs: string[] = [];
function dataDir(config?: unknown): string {
  const dir = tempDataDir(config);
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  killAllServe();
  dirs.forEach(removeDir);
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('start-up failures', () => {
  it('refuses to start on an invalid config, naming every error with its JSON path', async () => {
    const dir = dataDir({ listener: { port: 'high' }, signatureInput: 'everything', bogus: 1 });
    const result = await runCertbell(['serve', '--port', '0', '--no-ui', '--data-dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('listener.port:');
    expect(result.stderr).toContain('signatureInput:');
    expect(result.stderr).toMatch(/bogus: unknown key/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with a clear message when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCertbell(['serve', '--port', String(port), '--no-ui', '--data-dir', dataDir()]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the address is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('exits 1 when the data directory is not usable', async () => {
    const parent = dataDir();
    writeFileSync(join(parent, 'a-file'), 'x');
    const result = await runCertbell(['serve', '--port', '0', '--no-ui', '--data-dir', join(parent, 'a-file', 'data')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data directory .* is not usable/);

    const blocked = dataDir();
    mkdirSync(join(blocked, 'certbell.db'));
    const second = await runCertbell(['serve', '--port', '0', '--no-ui', '--data-dir', blocked]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/cannot open the database/);

    // Where no directory can be made (Node's own recursive mkdir never returns on this path).
    const impossible = await runCertbell(['serve', '--port', '0', '--no-ui', '--data-dir', `/proc/certbell-test-${process.pid}/data`]);
    expect(impossible.code).toBe(1);
    expect(impossible.stderr).toMatch(/data directory .* is not usable: it cannot be created there/);
  });

  it('refuses a config holding a secret value that others can read', async () => {
    const dir = dataDir({ secrets: [{ label: 'k', value: 'v' }] });
    chmodSync(join(dir, 'config.json'), 0o644);
    const result = await runCertbell(['serve', '--port', '0', '--no-ui', '--data-dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/secrets\[0\]\.value: .*0600/);
  });

  it('creates a missing data directory with mode 0700', async () => {
    const dir = join(dataDir(), 'fresh', 'Certbell');
    const server = await startServe(dir);
    await server.stop();
    const { statSync } = await import('node:fs');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o700);
    // The database keeps every request's headers and body: readable by its owner only.
    expect(statSync(join(dir, 'certbell.db')).mode & 0o777).toBe(0o600);
  });
});

describe('graceful shutdown', () => {
  it('does not wait the whole body timeout for a body that stops arriving: 503 and a record, then exit 0', async () => {
    // The minimum body rate is off: this is about the shutdown grace, which comes first here.
    const dir = dataDir({ secrets: [{ label: 'k', value: 'k' }], listener: { bodyTimeoutMs: 60_000, minBodyBytesPerSecond: 0 } });
    const server = await startServe(dir);
    const stalled = rawExchange(server.webhook, [
      { text: 'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nDelivery: stalled-at-stop\r\n\r\n{"a' }], 20_000);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const exited = await server.stop('SIGTERM');
    expect(exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(9000);
    const answer = await stalled;
    expect(answer.response).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer.response).toContain('{"error":"the server is shutting down"}');
    const shown = await runCertbell(['delivery', 'stalled-at-stop', '--json', '--data-dir', dir]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ status: 503, outcome: 'rejected' });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} finishes an in-flight request, closes the database and exits 0`, async () => {
      const dir = dataDir({ secrets: [{ label: 'k', value: 'k' }] });
      const server = await startServe(dir);
      const { body, headers } = signedDelivery('k', { deliveryId: `inflight-${signal}` });
      const { request } = await import('node:http');
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(server.webhook, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
          let text = '';
          res.on('data', (c) => { text += c; });
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => req.end(body.slice(10)), 400);
      });
      await new Promise((r) => setTimeout(r, 150));
      const exited = server.stop(signal);
      expect(await answer).toMatchObject({ status: 200 });
      expect(await exited).toEqual({ code: 0, signal: null });
      // It no longer tells the CLI where to find it.
      const { existsSync } = await import('node:fs');
      expect(existsSync(join(dir, 'listener.json'))).toBe(false);
      const shown = await runCertbell(['delivery', `inflight-${signal}`, '--raw', '--data-dir', dir]);
      expect(shown.stdout).toBe(body);
    });
  }
});

describe('live reload of config.json', () => {
  it('applies a new secret without restart and keeps the last valid settings on an invalid edit', async () => {
    const dir = dataDir({ secrets: [{ label: 'first', value: 'one' }] });
    const server = await startServe(dir);
    try {
      const send = (secret: string, id: string) => {
        const { body, headers } = signedDelivery(secret, { deliveryId: id });
        return post(server.webhook, body, headers);
      };
      expect((await send('one', 'r-1')).status).toBe(200);
      expect((await send('two', 'r-2')).status).toBe(401);
      writeConfig(dir, { secrets: [{ label: 'second', value: 'two' }] });
      await waitFor(async () => (await send('two', `r-poll-${Date.now()}`)).status === 200);
      expect((await send('one', 'r-3')).status).toBe(401);

      writeConfig(dir, '{"secrets": [ {"label": "broken"} ');
      await waitFor(async () => server.stderr().includes('the last valid settings stay in force'));
      expect((await send('two', 'r-4')).status).toBe(200);
      writeConfig(dir, { secrets: [{ label: 'x', value: 'y' }], listener: { port: -1 } });
      await waitFor(async () => server.stderr().includes('listener.port'));
      expect((await send('two', 'r-5')).status).toBe(200);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await server.stop();
    }
  });

  it('applies a new headersTimeoutMs to the next slow client, with no request in between', async () => {
    const dir = dataDir({ allowUnsigned: true });
    const server = await startServe(dir);
    try {
      writeConfig(dir, { allowUnsigned: true, listener: { headersTimeoutMs: 600 } });
      await waitFor(async () => server.stderr().includes('reloaded config.json'));
      // Before, the server took a new header timeout from the next request it handled: this client waited the default 10 s.
      const result = await rawExchange(server.webhook, [{ text: 'POST /webhook HTTP/1.1\r\nHost: x\r\n' }], 8000);
      expect(result.response).toMatch(/^HTTP\/1\.1 408 /);
      expect(result.closedAfterMs).toBeLessThan(4000);
    } finally {
      await server.stop();
    }
  });

  it('moves the listener when listener.port changes', async () => {
    const [first, second] = [await freePort(), await freePort()];
    // A path of its own: once freed, the first port may be taken by another test's server meanwhile.
    const path = `/moved-${process.pid}`;
    const dir = dataDir({ allowUnsigned: true, listener: { port: first, path } });
    const { spawn } = await import('node:child_process');
    const { CERTBELL_BIN } = await import('../helpers/certbell-process.ts');
    const child = spawn(process.execPath, [CERTBELL_BIN, 'serve', '--no-ui', '--data-dir', dir], { stdio: 'ignore' });
    const answers = (port: number) => post(`http://127.0.0.1:${port}${path}`, '{}').then((r) => r.status, () => 0);
    try {
      await waitFor(async () => (await answers(first)) === 200);
      writeConfig(dir, { allowUnsigned: true, listener: { port: second, path } });
      await waitFor(async () => (await answers(second)) === 200);
      expect(await answers(first)).not.toBe(200);
    } finally {
      process.kill(child.pid!, 'SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
  });
});
