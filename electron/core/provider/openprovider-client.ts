/**
 * Openprovider's API as SPEC §13 uses it, over `fetch`: log in (token kept and reused), on a 401
 * log in again once and repeat the call, page through the orders, read one order. Every call has
 * a timeout; a `maintenance: true` answer, a refused login, a network failure and an answer that
 * does not read as documented each become an ApiError of their own kind. The password is never
 * part of a message.
 */
import type * as v from '../../../shared/validation/index.ts';
import { ApiError, describeIssues, LoginDataSchema, OrderSchema, OrdersPageSchema, WrapperSchema, type ApiOrder } from './openprovider-api.ts';

export interface OpenproviderCredentials {
  apiUrl: string;
  username: string;
  password: string;
}

export interface ClientOptions {
  timeoutMs?: number;
  /** Orders per page (the API's `limit`). */
  pageSize?: number;
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const PAGE_SIZE = 100;
/** A stop for a broken `total`: never more pages than this. */
const MAX_PAGES = 1000;

export class OpenproviderClient {
  private readonly credentials: OpenproviderCredentials;
  private readonly options: Required<ClientOptions>;
  private token: string | null = null;

  constructor(credentials: OpenproviderCredentials, options: ClientOptions = {}) {
    this.credentials = credentials;
    this.options = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, pageSize: options.pageSize ?? PAGE_SIZE,
      fetch: options.fetch ?? fetch };
  }

  /** Every order, page by page. */
  async orders(): Promise<ApiOrder[]> {
    const all: ApiOrder[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const offset = page * this.options.pageSize;
      const data = await this.authorized('GET', `/v1beta/ssl/orders?limit=${this.options.pageSize}&offset=${offset}`, OrdersPageSchema);
      all.push(...data.results);
      if (data.results.length === 0 || all.length >= data.total) return all;
    }
    return all;
  }

  /** How many orders there are (one small page). */
  async count(): Promise<number> {
    return (await this.authorized('GET', '/v1beta/ssl/orders?limit=1&offset=0', OrdersPageSchema)).total;
  }

  /** One order with its certificate PEMs. */
  order(id: string): Promise<ApiOrder> {
    return this.authorized('GET', `/v1beta/ssl/orders/${encodeURIComponent(id)}`, OrderSchema);
  }

  /** Logs in now (the settings page's "test connection"). */
  async login(): Promise<void> {
    const data = await this.call('POST', '/v1beta/auth/login', LoginDataSchema, null,
      { username: this.credentials.username, password: this.credentials.password, ip: '0.0.0.0' });
    this.token = data.token;
  }

  private async authorized<S extends v.Schema<unknown, unknown>>(method: string, path: string, schema: S): Promise<v.Output<S>> {
    if (this.token === null) await this.login();
    try {
      return await this.call(method, path, schema, this.token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      // The token expired: once more with a fresh one.
      await this.login();
      return this.call(method, path, schema, this.token);
    }
  }

  private async call<S extends v.Schema<unknown, unknown>>(method: string, path: string, schema: S, token: string | null,
    body?: unknown): Promise<v.Output<S>> {
    const url = `${this.credentials.apiUrl.replace(/\/+$/, '')}${path}`;
    const where = `${method} ${path.replace(/\?.*$/, '')}`;
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        method, signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } });
      const reason = cause.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : cause.cause?.code ?? cause.message;
      throw new ApiError('network', `${where}: ${reason}`);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.status >= 500 ? 'network' : 'protocol', `${where}: HTTP ${response.status}, not JSON`, response.status);
    }
    const wrapper = WrapperSchema.safeParse(json);
    if (!wrapper.success) throw new ApiError('protocol', `${where}: not an API answer (${describeIssues(wrapper.error)})`, response.status);
    if (wrapper.data.maintenance) throw new ApiError('maintenance', `${where}: the API is in maintenance; trying again later`, response.status);
    if (response.status === 401 || response.status === 403) {
      const kind = path === '/v1beta/auth/login' ? 'bad-credentials' : 'protocol';
      const message = kind === 'bad-credentials' ? `login refused for user "${this.credentials.username}": ${wrapper.data.desc || `HTTP ${response.status}`}`
        : `${where}: HTTP ${response.status} ${wrapper.data.desc}`.trim();
      throw new ApiError(kind, message, response.status);
    }
    if (response.status >= 500) throw new ApiError('network', `${where}: HTTP ${response.status} ${wrapper.data.desc}`.trim(), response.status);
    if (!response.ok || wrapper.data.code !== 0) {
      throw new ApiError('protocol', `${where}: HTTP ${response.status}, code ${wrapper.data.code} ${wrapper.data.desc}`.trim(), response.status);
    }
    const data = schema.safeParse(wrapper.data.data);
    if (!data.success) throw new ApiError('protocol', `${where}: unexpected data (${describeIssues(data.error)})`, response.status);
    return data.data as v.Output<S>;
  }
}
