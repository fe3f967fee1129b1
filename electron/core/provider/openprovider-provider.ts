/** Openprovider's API (openprovider-client.ts) as a CertificateProvider: its order fields in the provider-neutral shape. */
import type { ApiOrder } from './openprovider-api.ts';
import { OpenproviderClient, type ClientOptions, type OpenproviderCredentials } from './openprovider-client.ts';
import type { CertificateProvider, ProviderOrder } from './provider.ts';

function toOrder(o: ApiOrder): ProviderOrder {
  const pem = o.certificate?.includes('-----BEGIN CERTIFICATE-----') ? o.certificate : null;
  return { orderId: o.id, status: o.status.toUpperCase(), commonName: o.common_name, hostNames: o.host_names,
    activeDate: o.active_date, expirationDate: o.expiration_date, certificatePem: pem };
}

export class OpenproviderProvider implements CertificateProvider {
  readonly kind = 'openprovider';
  private readonly client: OpenproviderClient;

  constructor(credentials: OpenproviderCredentials, options: ClientOptions = {}) {
    this.client = new OpenproviderClient(credentials, options);
  }

  async orders(): Promise<ProviderOrder[]> {
    return (await this.client.orders()).map(toOrder);
  }

  async order(orderId: string): Promise<ProviderOrder> {
    return toOrder(await this.client.order(orderId));
  }

  async test(): Promise<{ orders: number }> {
    await this.client.login();
    return { orders: await this.client.count() };
  }
}
