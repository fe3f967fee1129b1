// SPEC §11: what a crafted Signature header costs, counted through the core's injected HMAC (not timed).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { silentLogger } from '../../electron/core/logger.ts';
import type { Hmac } from '../../electron/core/signature/verify.ts';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { post } from '../helpers/http.ts';
import { rawExchange } from '../helpers/slow-socket.ts';

let dir: string;
let core: Core;
let hmacs = 0;
const counting: Hmac = (algorithm, key, bytes) => { hmacs++; return createHmac(algorithm, key).update(bytes).digest(); };

/** A 1 MiB body (a `data` object, so `auto` tries the body and the data) and n wrong bare sha256 digests. */
const bigBody = Buffer.from(JSON.stringify({ metadata: { event: 'ssl_panel.issued' }, data: { pad: 'x'.repeat(1024 * 1024 - 64) } }));
const digests = (n: number) => Array.from({ length: n }, (_, i) => (i + 1).toString(16).padStart(64, '0')).join(',');

async function costOf(headers: Record<string, string>, body: Buffer = bigBody) {
  const before = hmacs;
  const res = await post(core.webhookUrl(), body, headers);
  return { status: res.status, body: res.body, hmacs: hmacs - before };
}

beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'a', value: 'secret a' }, { label: 'b', value: 'secret b' }],
    listener: { maxBodyBytes: 2 * 1024 * 1024, clientAddressHeader: 'x-forwarded-for', rejectLimit: { max: 3, windowSeconds: 60 } } });
  core = await createCore({ dataDir: dir, logger: silentLogger, port: 0, hmac: counting });
});

afterAll(async () => {
  await core?.stop();
  removeDir(dir);
});

describe('the CPU a Signature header can cost', () => {
  it('computes no HMAC for 240 signatures over 1 MiB: 401 invalid signature', async () => {
    const cost = await costOf({ Signature: digests(240), 'X-Forwarded-For': '203.0.113.1' });
    expect(cost).toMatchObject({ status: 401, hmacs: 0 });
    expect(JSON.parse(cost.body)).toEqual({ error: 'invalid signature' });
  });

  it('computes each (input, secret, algorithm) HMAC once: 8 digests of one algorithm cost inputs × secrets', async () => {
    const cost = await costOf({ Signature: digests(8), 'X-Forwarded-For': '203.0.113.2' });
    // Two inputs (the body; the data, raw and compact alike) × two secrets × one algorithm.
    expect(cost).toMatchObject({ status: 401, hmacs: 4 });
  });

  it('checks the address budget before any HMAC: past it, a crafted request costs nothing', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.3' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await costOf({ ...from, Signature: digests(8) })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    for (let i = 0; i < 5; i++) expect(await costOf({ ...from, Signature: digests(8) })).toMatchObject({ status: 429, hmacs: 0 });
    // Past the budget the body is not even read: the headers alone get the 429.
    const headersOnly = await rawExchange(core.webhookUrl(), [{ text: 'POST /webhook HTTP/1.1\r\nHost: x\r\n'
      + 'X-Forwarded-For: 203.0.113.3\r\nContent-Length: 1048576\r\n\r\n' }], 5000);
    expect(headersOnly.response).toMatch(/^HTTP\/1\.1 429 /);
    expect(headersOnly.closedAfterMs).toBeLessThan(2500);
    // Another address is unaffected.
    expect(await costOf({ 'X-Forwarded-For': '203.0.113.4', Signature: digests(1) })).toMatchObject({ status: 401, hmacs: 4 });
  });
});
