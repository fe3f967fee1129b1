import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hookContext, hookEnvironment, pemToDerBase64, type DeliveryFacts } from '../../../../../electron/core/hooks/hook-context.ts';
import { sampleDelivery, stableId } from '../../../../../shared/openprovider/index.ts';
import { SAMPLE_INTERMEDIATE_PEM, SAMPLE_MAIN_PEM, SAMPLE_ROOT_PEM } from '../../../../../shared/openprovider/sample-chain.ts';

function facts(parsed: unknown, overrides: Partial<DeliveryFacts> = {}): DeliveryFacts {
  const body = Buffer.from(JSON.stringify(parsed));
  return { deliveryId: 'd-1', event: 'ssl_panel.issued', entityId: '42', body, parsed, ...overrides };
}

const issued = sampleDelivery('ssl_panel.issued', { deliveryId: 'd-1', commonName: 'shop.example' });

describe('hookContext', () => {
  it('an issued certificate: ids, names, the PEM chain main + intermediate + root and the main cert as base64 DER', () => {
    const f = facts(issued);
    const ctx = hookContext(f, 'success', null);
    expect(ctx).toMatchObject({ stage: 'success', event: 'ssl_panel.issued', deliveryId: 'd-1', entityId: '42', error: null,
      certificateName: stableId('certificate:shop.example'), orderName: stableId('order:shop.example'), commonName: 'shop.example' });
    expect(ctx.body).toBe(f.body);
    expect(ctx.certificate).toBe(SAMPLE_MAIN_PEM + SAMPLE_INTERMEDIATE_PEM + SAMPLE_ROOT_PEM);
    const der = new X509Certificate(Buffer.from(ctx.certificateRaw!, 'base64'));
    expect(der.raw.equals(new X509Certificate(SAMPLE_MAIN_PEM).raw)).toBe(true);
  });

  it('passes the earlier error through (post hooks)', () => {
    expect(hookContext(facts(issued), 'post', 'deploy: exited with 1').error).toBe('deploy: exited with 1');
  });

  it('a certificate not issued yet: no chain, no DER, the names still set', () => {
    const ctx = hookContext(facts(sampleDelivery('ssl_panel.created', { deliveryId: 'd-1', commonName: 'new.example' })), 'pre', null);
    expect(ctx).toMatchObject({ certificate: null, certificateRaw: null, commonName: 'new.example',
      certificateName: stableId('certificate:new.example'), orderName: stableId('order:new.example') });
  });

  it('a CA chat message: the order from data.orderId, no certificate', () => {
    const chat = sampleDelivery('ssl_panel.ca_chat.new_message_from_ca', { deliveryId: 'd-1', commonName: 'chat.example' });
    expect(hookContext(facts(chat), 'pre', null)).toMatchObject({ certificateName: null, commonName: null,
      orderName: stableId('order:chat.example'), certificate: null, certificateRaw: null });
  });

  it('ends each PEM with a newline in the chain and ignores values that are not PEM', () => {
    const data = { id: 'o', certificate: { id: 'c', commonName: 'x', certificates: {
      main: SAMPLE_MAIN_PEM.trimEnd(), intermediate: 'pending', root: SAMPLE_ROOT_PEM.trimEnd() } } };
    const ctx = hookContext(facts({ data }), 'pre', null);
    expect(ctx.certificate).toBe(SAMPLE_MAIN_PEM + SAMPLE_ROOT_PEM);
  });

  it('a body without the expected shape: only the facts from the request', () => {
    for (const parsed of [null, [], { data: 'text' }, { data: { certificate: { certificates: 'x' } } }]) {
      expect(hookContext(facts(parsed, { event: 'ping', entityId: null }), 'pre', null)).toMatchObject({
        event: 'ping', deliveryId: 'd-1', entityId: null, certificateName: null, orderName: null, commonName: null,
        certificate: null, certificateRaw: null });
    }
  });
});

describe('pemToDerBase64', () => {
  it('takes the base64 between the armour lines of the first certificate, without line breaks', () => {
    const raw = pemToDerBase64(SAMPLE_MAIN_PEM + SAMPLE_INTERMEDIATE_PEM)!;
    expect(raw).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(raw, 'base64').equals(new X509Certificate(SAMPLE_MAIN_PEM).raw)).toBe(true);
  });

  it('reads CRLF line endings too', () => {
    const crlf = SAMPLE_MAIN_PEM.replace(/\n/g, '\r\n');
    expect(pemToDerBase64(crlf)).toBe(pemToDerBase64(SAMPLE_MAIN_PEM));
  });

  it('is null for text that is not a certificate', () => {
    expect(pemToDerBase64('not a certificate')).toBeNull();
    expect(pemToDerBase64('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toBeNull();
  });
});

describe('hookEnvironment', () => {
  const parent = { PATH: '/usr/bin:/bin', HOME: '/home/u', LANG: 'C.UTF-8', CERTBELL_SECRET_FOR_SIGNING: 'xyz',
    NODE_OPTIONS: '--inspect', AWS_SECRET_ACCESS_KEY: 'shh' };

  it('holds only PATH, HOME, LANG and the CERTBELL_* facts, never anything else of Certbell\'s environment', () => {
    const ctx = hookContext(facts(issued), 'success', null);
    const env = hookEnvironment(ctx, '/tmp/certbell-hook-x/certificate.pem', {}, parent);
    expect(env).toEqual({
      PATH: '/usr/bin:/bin', HOME: '/home/u', LANG: 'C.UTF-8',
      CERTBELL_STAGE: 'success', CERTBELL_EVENT: 'ssl_panel.issued', CERTBELL_DELIVERY_ID: 'd-1', CERTBELL_ENTITY_ID: '42',
      CERTBELL_CERTIFICATE_NAME: stableId('certificate:shop.example'), CERTBELL_ORDER_NAME: stableId('order:shop.example'),
      CERTBELL_COMMON_NAME: 'shop.example', CERTBELL_CERTIFICATE: '/tmp/certbell-hook-x/certificate.pem',
      CERTBELL_CERTIFICATE_RAW: ctx.certificateRaw,
    });
  });

  it('leaves out facts that are missing, and sets CERTBELL_ERROR when an earlier step failed', () => {
    const ctx = hookContext(facts({}, { event: null, entityId: null }), 'post', 'pre-a: exited with 1');
    expect(hookEnvironment(ctx, null, {}, { PATH: '/bin' })).toEqual({
      PATH: '/bin', CERTBELL_STAGE: 'post', CERTBELL_DELIVERY_ID: 'd-1', CERTBELL_ERROR: 'pre-a: exited with 1' });
  });

  it('adds the hook\'s own env, which may set PATH', () => {
    const ctx = hookContext(facts({}), 'pre', null);
    const env = hookEnvironment(ctx, null, { PATH: '/opt/deploy/bin', DEPLOY_DIR: '/etc/ssl' }, parent);
    expect(env).toMatchObject({ PATH: '/opt/deploy/bin', DEPLOY_DIR: '/etc/ssl', HOME: '/home/u' });
    expect(env).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
  });
});
