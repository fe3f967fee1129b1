// The TLS fixtures do what the deployment check's tests rely on, seen from plain node:tls clients.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { summarizeBody } from '../../../shared/openprovider/index.ts';
import {
  closedPort, issuedDeliveryBody, makeAuthority, makeCertificate, makeCertificates, startBlackHole, startSniServer,
  startTlsServer, startTlsServers, type TestCertificate,
} from '../../helpers/tls-fixtures.ts';

const DAY_MS = 86_400_000;
const cleanups: (() => unknown)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });
const later = <T extends { close(): unknown }>(thing: T): T => { cleanups.push(() => thing.close()); return thing; };

/** Opens a TLS connection (verification off unless `ca` is given) and keeps it open. */
function open(port: number, options: { servername?: string; ca?: string } = {}): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: options.servername, ca: options.ca,
      rejectUnauthorized: options.ca !== undefined }, () => resolve(socket));
    socket.once('error', reject);
    cleanups.push(() => socket.destroy());
  });
}

async function served(port: number, servername?: string): Promise<string> {
  const socket = await open(port, { servername });
  const fingerprint = socket.getPeerCertificate().fingerprint256;
  socket.end();
  return fingerprint;
}

const closed = (socket: Socket) => new Promise<void>((resolve) => {
  if (socket.closed) resolve(); else socket.once('close', () => resolve());
});

describe('makeCertificate', () => {
  it('makes a self-signed certificate for the common name, valid 90 days, fingerprinted as node and openssl spell it', async () => {
    const cert = await makeCertificate({ commonName: 'shop.example.nl' });
    const x509 = new X509Certificate(cert.certPem);
    expect(cert.fingerprint256).toBe(x509.fingerprint256);
    expect(cert.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const told = execFileSync('/usr/bin/openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: cert.certPem, encoding: 'utf8' });
    expect(told.trim()).toBe(`sha256 Fingerprint=${cert.fingerprint256}`);
    expect(x509.subject).toBe('CN=shop.example.nl');
    expect(x509.subjectAltName).toBe('DNS:shop.example.nl');
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(cert.keyPem))).toBe(true);
    expect(Date.parse(cert.notAfter) - Date.now()).toBeGreaterThan(89 * DAY_MS);
    expect(Date.parse(cert.notAfter) - Date.now()).toBeLessThanOrEqual(90 * DAY_MS);
  });

  it('puts the given DNS names in the SANs, none for [], and expires in 5 days when asked', async () => {
    const [several, none, soon] = await Promise.all([
      makeCertificate({ commonName: 'a.example.nl', dnsNames: ['a.example.nl', 'www.a.example.nl', '*.b.example.nl'] }),
      makeCertificate({ commonName: 'bare.example.nl', dnsNames: [] }),
      makeCertificate({ commonName: 'soon.example.nl', days: 5 }),
    ]);
    expect(new X509Certificate(several.certPem).subjectAltName).toBe('DNS:a.example.nl, DNS:www.a.example.nl, DNS:*.b.example.nl');
    expect(new X509Certificate(none.certPem).subjectAltName).toBeUndefined();
    const left = Date.parse(soon.notAfter) - Date.now();
    expect(left).toBeGreaterThan(5 * DAY_MS - 60_000);
    expect(left).toBeLessThanOrEqual(5 * DAY_MS);
    await expect(makeCertificate({ commonName: 'x.example.nl', days: 0 })).rejects.toThrow(/days/);
  });

  it('signs with a test CA: a node:tls client trusting only that CA accepts the leaf', async () => {
    const ca = await makeAuthority();
    const leaf = await makeCertificate({ commonName: 'signed.example.nl', issuer: ca });
    const x509 = new X509Certificate(leaf.certPem);
    expect(x509.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(x509.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(x509.ca).toBe(false);
    expect(new X509Certificate(ca.certPem).ca).toBe(true);
    const server = later(await startTlsServer(leaf));
    const socket = await open(server.port, { servername: 'signed.example.nl', ca: ca.certPem });
    expect(socket.authorized).toBe(true);
    await expect(open(server.port, { servername: 'other.example.nl', ca: ca.certPem })).rejects.toThrow(/altnames/);
  });

  it('makes many certificates in order, each its own', async () => {
    const certs = await makeCertificates(12, (i) => ({ commonName: `site${i}.example.nl`, days: 10 + i }));
    expect(certs.map((c) => new X509Certificate(c.certPem).subject)).toEqual(certs.map((_, i) => `CN=site${i}.example.nl`));
    expect(new Set(certs.map((c) => c.fingerprint256)).size).toBe(12);
    expect(Date.parse(certs[11].notAfter) - Date.parse(certs[0].notAfter)).toBeGreaterThan(11 * DAY_MS - 60_000);
  });
});

describe('TLS servers', () => {
  let first: TestCertificate;
  let second: TestCertificate;
  beforeAll(async () => {
    [first, second] = await makeCertificates(2, (i) => ({ commonName: `srv${i}.example.nl` }));
  });

  it('serves the same certificate whatever the SNI, and a swapped one to new connections', async () => {
    const server = later(await startTlsServer(first));
    expect(server.host).toBe('127.0.0.1');
    expect(server.target).toBe(`127.0.0.1:${server.port}`);
    expect(await served(server.port, 'srv0.example.nl')).toBe(first.fingerprint256);
    expect(await served(server.port, 'anything.else.test')).toBe(first.fingerprint256);
    expect(await served(server.port)).toBe(first.fingerprint256);
    const kept = await open(server.port, { servername: 'srv0.example.nl' });
    server.swap(second);
    expect(await served(server.port, 'srv0.example.nl')).toBe(second.fingerprint256);
    expect(kept.getPeerCertificate().fingerprint256).toBe(first.fingerprint256);
    expect(server.connections()).toBe(5);
  });

  it('counts the peak of sockets open at once, and close() ends the open ones', async () => {
    const server = later(await startTlsServer(first));
    const three = await Promise.all([open(server.port), open(server.port), open(server.port)]);
    expect(server.maxOpen()).toBe(3);
    three.forEach((s) => s.end());
    await Promise.all(three.map(closed));
    await until(() => server.connections() === 3);
    const one = await open(server.port);
    const tcp = connectTcp(server.port, '127.0.0.1');
    tcp.on('error', () => undefined);
    await new Promise((r) => tcp.once('connect', r));
    await until(() => server.connections() === 5);
    expect(server.maxOpen()).toBe(3);
    await server.close();
    await Promise.all([closed(one), closed(tcp)]);
  });

  it('survives clients that reset or hang up mid-handshake and after it', async () => {
    const server = later(await startTlsServer(first));
    const half = connectTcp(server.port, '127.0.0.1');
    half.on('error', () => undefined);
    await new Promise((r) => half.once('connect', r));
    half.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])); // the start of a ClientHello
    await new Promise((r) => setTimeout(r, 50));
    half.resetAndDestroy();
    const garbage = connectTcp(server.port, '127.0.0.1', () => garbage.end('GET / HTTP/1.1\r\n\r\n'));
    garbage.on('error', () => undefined);
    const quick = connectTcp(server.port, '127.0.0.1', () => quick.destroy());
    const under = connectTcp(server.port, '127.0.0.1');
    under.on('error', () => undefined);
    const handshaken = connect({ socket: under, servername: 'srv0.example.nl', rejectUnauthorized: false });
    handshaken.on('error', () => undefined);
    await new Promise((r) => handshaken.once('secureConnect', r));
    under.resetAndDestroy();
    await Promise.all([closed(half), closed(garbage), closed(quick), closed(under)]);
    await new Promise((r) => setTimeout(r, 100));
    expect(await served(server.port, 'srv0.example.nl')).toBe(first.fingerprint256);
  });

  it('runs n servers, each with its certificate, counted together', async () => {
    const group = later(await startTlsServers(2, (i) => (i === 0 ? first : second)));
    expect(group.targets).toEqual(group.servers.map((s) => `127.0.0.1:${s.port}`));
    const [a, b] = await Promise.all(group.servers.map((s) => open(s.port)));
    expect(a.getPeerCertificate().fingerprint256).toBe(first.fingerprint256);
    expect(b.getPeerCertificate().fingerprint256).toBe(second.fingerprint256);
    expect(group.maxOpen()).toBe(2);
    expect(group.connections()).toBe(2);
  });

  it('chooses the certificate by SNI, the fallback for no or an unknown name, and swaps one name', async () => {
    const [fallback, third] = await makeCertificates(2, (i) => ({ commonName: `other${i}.example.nl` }));
    const server = later(await startSniServer(new Map([['srv0.example.nl', first], ['srv1.example.nl', second]]), fallback));
    expect(await served(server.port, 'srv0.example.nl')).toBe(first.fingerprint256);
    expect(await served(server.port, 'SRV1.example.nl')).toBe(second.fingerprint256);
    expect(await served(server.port, 'unknown.example.nl')).toBe(fallback.fingerprint256);
    expect(await served(server.port)).toBe(fallback.fingerprint256);
    server.swap('srv1.example.nl', third);
    expect(await served(server.port, 'srv1.example.nl')).toBe(third.fingerprint256);
    const defaulted = later(await startSniServer(new Map([['srv1.example.nl', second]])));
    expect(await served(defaulted.port)).toBe(second.fingerprint256);
    expect(server.connections()).toBe(5);
    expect(server.maxOpen()).toBeGreaterThanOrEqual(1);
  });
});

describe('closedPort and startBlackHole', () => {
  it('closedPort refuses connections', async () => {
    const port = await closedPort();
    await expect(open(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('the black hole accepts TCP, never completes a handshake, and close() drops what it holds', async () => {
    const hole = later(await startBlackHole());
    expect(hole.target).toBe(`127.0.0.1:${hole.port}`);
    const socket = connect({ host: '127.0.0.1', port: hole.port, servername: 'shop.example.nl', rejectUnauthorized: false });
    let secure = false;
    socket.once('secureConnect', () => { secure = true; });
    socket.on('error', () => undefined);
    cleanups.push(() => socket.destroy());
    await new Promise((r) => setTimeout(r, 500));
    expect(secure).toBe(false);
    expect(hole.connections()).toBe(1);
    expect(socket.closed).toBe(false);
    await hole.close();
    await closed(socket);
    expect(secure).toBe(false);
  });
});

describe('issuedDeliveryBody', () => {
  it('is the ssl_panel.issued sample carrying the PEM, its names and ids, with a fresh delivery id each time', async () => {
    const cert = await makeCertificate({ commonName: 'shop.example.nl', days: 30 });
    const text = issuedDeliveryBody({ mainPem: cert.certPem, certificateId: 'cert-42', orderId: 'order-42' });
    const body = JSON.parse(text);
    expect(summarizeBody(body)).toMatchObject({ event: 'ssl_panel.issued', certificateId: 'cert-42', orderId: 'order-42',
      commonName: 'shop.example.nl' });
    expect(body.data.certificate).toMatchObject({ status: 'active', expireAt: cert.notAfter,
      certificates: { main: cert.certPem, intermediate: null, root: null } });
    expect(body.metadata.delivery).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(issuedDeliveryBody({ mainPem: cert.certPem })).metadata.delivery).not.toBe(body.metadata.delivery);
    const named = JSON.parse(issuedDeliveryBody({ mainPem: cert.certPem, commonName: 'www.shop.example.nl', deliveryId: 'dlv-1',
      expireAt: '2030-01-01T00:00:00.000Z' }));
    expect(named.metadata.delivery).toBe('dlv-1');
    expect(named.data.certificate).toMatchObject({ commonName: 'www.shop.example.nl', expireAt: '2030-01-01T00:00:00.000Z' });
  });
});

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
