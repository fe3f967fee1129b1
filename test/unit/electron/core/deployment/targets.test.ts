import { beforeAll, describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../../../electron/core/certificates/certificate-types.ts';
import { planTargets, targetTable } from '../../../../../electron/core/deployment/targets.ts';
import { SAMPLE_MAIN_PEM } from '../../../../../shared/openprovider/sample-chain.ts';
import { makeCertificate, type TestCertificate } from '../../../../helpers/tls-fixtures.ts';

let multi: TestCertificate;
beforeAll(async () => {
  multi = await makeCertificate({ commonName: 'shop.example.nl', dnsNames: ['shop.example.nl', 'www.shop.example.nl', '*.cdn.example.nl'] });
});

const record = (issuedPem: string | null, commonName = 'shop.example.nl'): CertificateRecord => ({
  id: 'c1', commonName, orderId: null, orderStatus: null, status: 'active', operation: null, expireAt: null, activatedAt: null,
  preValidationStatus: null, failedValidators: [], lastEvent: null, lastDelivery: null, eventAt: 1, updatedAt: 1,
  expiry: { notifiedDays: [], expiredNotified: false }, issuedPem, issuedAt: 1000, providerOnly: false, syncedAt: null,
});

describe('deployment targets of a certificate', () => {
  it('are the common name and every DNS SAN at port 443, a wildcard only listed as such', () => {
    const plan = planTargets(record(multi.certPem), targetTable({}));
    expect(plan.targets.map((t) => `${t.name} → ${t.target}`)).toEqual(['shop.example.nl → shop.example.nl:443',
      'www.shop.example.nl → www.shop.example.nl:443']);
    expect(plan.targets[0]).toMatchObject({ host: 'shop.example.nl', port: 443, issuedFingerprint: multi.fingerprint256, issuedAt: 1000 });
    expect(plan.wildcards).toEqual(['*.cdn.example.nl']);
  });

  it('take deployment.targets instead (names compared without case, an address given twice once), the SNI staying the name; a configured wildcard is checked', () => {
    const plan = planTargets(record(multi.certPem), targetTable({ 'SHOP.example.nl': ['127.0.0.1:8443', '[::1]:9443', '127.0.0.1:8443'],
      '*.cdn.example.nl': ['10.0.0.9:443'] }));
    expect(plan.targets.map((t) => [t.name, t.host, t.port, t.target])).toEqual([
      ['shop.example.nl', '127.0.0.1', 8443, '127.0.0.1:8443'], ['shop.example.nl', '::1', 9443, '[::1]:9443'],
      ['www.shop.example.nl', 'www.shop.example.nl', 443, 'www.shop.example.nl:443'],
      ['*.cdn.example.nl', '10.0.0.9', 443, '10.0.0.9:443']]);
    expect(plan.wildcards).toEqual([]);
  });

  it('are none without an issued PEM, for an unreadable one, and for the built-in sample certificate', () => {
    expect(planTargets(record(null), targetTable({})).targets).toEqual([]);
    expect(planTargets(record('-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----'), targetTable({})).targets).toEqual([]);
    expect(planTargets(record(SAMPLE_MAIN_PEM, 'example.com'), targetTable({})).targets).toEqual([]);
  });
});
