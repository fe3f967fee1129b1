/**
 * One set of deliveries, sent through a real listener in a fixed order, so that fresh data
 * directories seeded with it hold the same records under the same ids: accepted ones of three
 * certificates and two events, a duplicate, a forged and an unsigned one (both 401), and a signed
 * body that is not JSON (400).
 */
import { expect } from 'vitest';
import { hmac, post, signedDelivery } from './http.ts';

/** Every seed carries this Host, so the stored headers do not depend on the listener's port. */
export const SEED_HOST = 'certbell.test';

interface Seed {
  deliveryId: string;
  event: string;
  certificateId: string;
  commonName: string;
  /** Signed with another secret (`forged`), or not at all. */
  signing?: 'forged' | 'unsigned';
  status: number;
}

export const SEEDS: readonly Seed[] = [
  { deliveryId: 'dlv-alpha', event: 'ssl_panel.issued', certificateId: 'cert-alpha', commonName: 'alpha.example', status: 200 },
  { deliveryId: 'dlv-beta', event: 'ssl_panel.will_expire_in_30_days', certificateId: 'cert-beta', commonName: 'beta.example', status: 200 },
  { deliveryId: 'dlv-alpha-renewal', event: 'ssl_panel.renew_failed', certificateId: 'cert-alpha', commonName: 'alpha.example', status: 200 },
  { deliveryId: 'dlv-forged', event: 'ssl_panel.issued', certificateId: 'cert-forged', commonName: 'forged.example', signing: 'forged', status: 401 },
  { deliveryId: 'dlv-unsigned', event: 'ssl_panel.issued', certificateId: 'cert-unsigned', commonName: 'unsigned.example', signing: 'unsigned', status: 401 },
  { deliveryId: 'dlv-beta', event: 'ssl_panel.will_expire_in_30_days', certificateId: 'cert-beta', commonName: 'beta.example', status: 200 },
  { deliveryId: 'dlv-gamma', event: 'ssl_panel.issued', certificateId: 'cert-gamma', commonName: 'gamma.example', status: 200 },
];

/** The signed body that is not JSON: stored (signature valid), rejected with 400. */
export const NOT_JSON_ID = 'dlv-not-json';
const NOT_JSON_BODY = 'this is not JSON';

/** Sends the seeds one after another, each answered before the next goes. */
export async function seedDeliveries(webhookUrl: string, secret: string): Promise<void> {
  for (const seed of SEEDS) {
    const signedWith = seed.signing === 'forged' ? 'not-the-secret' : secret;
    const { body, headers } = signedDelivery(signedWith, { deliveryId: seed.deliveryId, event: seed.event,
      data: { id: `order-${seed.certificateId}`, status: 'open',
        certificate: { id: seed.certificateId, commonName: seed.commonName, status: 'active', operation: 'none' } } });
    const sent = seed.signing === 'unsigned' ? {} : headers;
    const reply = await post(webhookUrl, body, { ...sent, Host: SEED_HOST });
    expect(reply.status, `${seed.deliveryId}: ${reply.body}`).toBe(seed.status);
  }
  const notJson = await post(webhookUrl, NOT_JSON_BODY, { Signature: `sha256=${hmac(secret, NOT_JSON_BODY)}`, Delivery: NOT_JSON_ID,
    Host: SEED_HOST });
  expect(notJson.status, notJson.body).toBe(400);
}
