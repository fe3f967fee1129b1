/**
 * What provider sync (SPEC §13) needs from a certificate provider, and nothing more: its orders
 * in the seed's API status codes, one order with its issued certificate, and a login check. The
 * inventory's reconciliation speaks only this; a second provider is a second adapter.
 */
import type { SyncFailureKind } from '../../../shared/bridge/sync-types.ts';

export type ProviderFailureKind = SyncFailureKind;

export interface ProviderOrder {
  /** The provider's order id: a delivery's `data.id`. */
  orderId: string;
  /** An API status code of the seed's status-mapping table (PAI, ACT, FAI, EXP, REJ, REQ), as the provider gave it. */
  status: string;
  commonName: string | null;
  hostNames: string[];
  activeDate: string | null;
  expirationDate: string | null;
  /** The issued main certificate (PEM), when this reading of the order carries it. */
  certificatePem: string | null;
}

export interface CertificateProvider {
  /** "openprovider". */
  readonly kind: string;
  /** Every order (paged as the provider needs). */
  orders(): Promise<ProviderOrder[]>;
  /** One order with its certificate. */
  order(orderId: string): Promise<ProviderOrder>;
  /** Logs in and counts the orders (the settings page's "test connection"). */
  test(): Promise<{ orders: number }>;
}

/** A failed provider call, by kind; the message never holds a credential. */
export class ProviderError extends Error {
  override readonly name: string = 'ProviderError';
  readonly kind: ProviderFailureKind;

  constructor(kind: ProviderFailureKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
