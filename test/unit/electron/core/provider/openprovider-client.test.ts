/** The API client against the fake Openprovider API (a real HTTP server on 127.0.0.1). */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../electron/core/provider/openprovider-api.ts';
import { OpenproviderClient } from '../../../../../electron/core/provider/openprovider-client.ts';
import { startFakeOpenprovider, type FakeApi, type FakeOrder } from '../../../../fakes/openprovider-api.ts';

const ACCOUNT = { username: 'reseller', password: 'p4ss-w0rd-secret' };
let api: FakeApi | undefined;
afterEach(async () => { await api?.close(); api = undefined; });

const orders = (n: number): FakeOrder[] => Array.from({ length: n }, (_, i) => ({ id: 1000 + i,
  status: ['PAI', 'ACT', 'FAI', 'EXP', 'REJ', 'REQ'][i % 6], common_name: `site${i}.example.nl`,
  expiration_date: '2027-06-01 12:00:00', certificate: i % 6 === 1 ? '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' : null }));

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('OpenproviderClient', () => {
  it('logs in once, pages through every order and reads one with its certificate', async () => {
    api = await startFakeOpenprovider(ACCOUNT, orders(250));
    const client = new OpenproviderClient({ apiUrl: `${api.url}/`, ...ACCOUNT });
    const all = await client.orders();
    expect(all).toHaveLength(250);
    expect(all[1]).toMatchObject({ id: '1001', status: 'ACT', common_name: 'site1.example.nl', host_names: [], certificate: null });
    expect((await client.order('1001')).certificate).toContain('BEGIN CERTIFICATE');
    expect(api.requests).toEqual(['POST /v1beta/auth/login', 'GET /v1beta/ssl/orders?limit=100&offset=0',
      'GET /v1beta/ssl/orders?limit=100&offset=100', 'GET /v1beta/ssl/orders?limit=100&offset=200', 'GET /v1beta/ssl/orders/1001']);
    expect(api.logins).toEqual([{ ...ACCOUNT, ip: '0.0.0.0' }]);
  });

  it('logs in again once when the token has expired', async () => {
    api = await startFakeOpenprovider(ACCOUNT, orders(3));
    const client = new OpenproviderClient({ apiUrl: api.url, ...ACCOUNT });
    await client.orders();
    api.expireTokens();
    expect(await client.orders()).toHaveLength(3);
    expect(api.logins).toHaveLength(2);
  });

  it('says bad credentials without the password', async () => {
    api = await startFakeOpenprovider(ACCOUNT, orders(3));
    const error = await failure(new OpenproviderClient({ apiUrl: api.url, username: 'reseller', password: 'wrong-one' }).orders());
    expect(error).toMatchObject({ kind: 'bad-credentials', status: 401 });
    expect(error.message).toBe('login refused for user "reseller": Authentication/Authorization Failed');
    expect(error.message).not.toContain('wrong-one');
  });

  it('tells maintenance, a network failure and a slow answer apart', async () => {
    api = await startFakeOpenprovider(ACCOUNT, orders(3));
    api.maintenance = true;
    expect(await failure(new OpenproviderClient({ apiUrl: api.url, ...ACCOUNT }).orders())).toMatchObject({ kind: 'maintenance' });
    api.maintenance = false;
    api.delayMs = 500;
    const slow = await failure(new OpenproviderClient({ apiUrl: api.url, ...ACCOUNT }, { timeoutMs: 100 }).orders());
    expect(slow).toMatchObject({ kind: 'network', message: 'POST /v1beta/auth/login: no answer within 100 ms' });
    const url = api.url;
    await api.close();
    api = undefined;
    expect(await failure(new OpenproviderClient({ apiUrl: url, ...ACCOUNT }).orders())).toMatchObject({ kind: 'network',
      message: 'POST /v1beta/auth/login: ECONNREFUSED' });
  });

  it('refuses an answer that does not read as documented, naming the field', async () => {
    api = await startFakeOpenprovider(ACCOUNT, [{ id: 1, status: 'ACT' }]);
    api.orders[0] = { id: 1, status: 5 as unknown as string };
    const error = await failure(new OpenproviderClient({ apiUrl: api.url, ...ACCOUNT }).orders());
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/^GET \/v1beta\/ssl\/orders: unexpected data \(results\.0\.status: /);
  });
});
