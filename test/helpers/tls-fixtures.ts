/**
 * TLS for the deployment check's tests (SPEC §12): certificates made by Debian's `openssl` CLI
 * (EC P-256, so hundreds can be made quickly), real `tls` servers on 127.0.0.1 whose certificate
 * can be swapped, a server choosing its certificate by SNI, a closed port, a server that accepts
 * TCP but never completes a handshake, and the `ssl_panel.issued` delivery that carries a PEM.
 */
import { execFile } from 'node:child_process';
import { randomUUID, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, createServer, type SecureContext, type Server, type TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import type { CertificateEventData } from '../../shared/openprovider/payloads.ts';
import { sampleDelivery } from '../../shared/openprovider/samples.ts';

const run = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  /** As X509Certificate.fingerprint256 (and `openssl x509 -fingerprint -sha256`) spell it. */
  fingerprint256: string;
  /** notAfter, ISO 8601. */
  notAfter: string;
}

/** A test CA (`makeAuthority`) that can sign certificates (`issuer`). */
export type Authority = TestCertificate;

/** What a server needs to serve a certificate. */
export type KeyPair = Pick<TestCertificate, 'certPem' | 'keyPem'>;

export interface CertificateOptions {
  commonName: string;
  /** subjectAltName DNS entries; default: the common name; [] gives a certificate without SANs. */
  dnsNames?: string[];
  /** Validity in whole days from now (5 makes one that is about to expire); default 90. */
  days?: number;
  /** Signed by this CA instead of self-signed. */
  issuer?: Authority;
}

/** `-subj` treats `/` as a separator and `\` as an escape. */
const subject = (commonName: string) => `/CN=${commonName.replace(/[\\/]/g, (c) => `\\${c}`)}`;

async function openssl(args: string[], dir: string, issuer?: Authority): Promise<TestCertificate> {
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  const signing: string[] = [];
  if (issuer) {
    await Promise.all([writeFile(join(dir, 'ca.pem'), issuer.certPem), writeFile(join(dir, 'ca-key.pem'), issuer.keyPem, { mode: 0o600 })]);
    // The config's v3_ca section would make the leaf a CA too; a served leaf says CA:FALSE.
    signing.push('-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca-key.pem'), '-addext', 'basicConstraints=critical,CA:FALSE');
  }
  try {
    await run(OPENSSL, ['req', '-x509', ...EC_KEY, ...args, ...signing, '-keyout', key, '-out', cert]);
  } catch (error) {
    throw new Error(`openssl req ${args.join(' ')} failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`, { cause: error });
  }
  const [certPem, keyPem] = await Promise.all([readFile(cert, 'utf8'), readFile(key, 'utf8')]);
  const x509 = new X509Certificate(certPem);
  return { certPem, keyPem, fingerprint256: x509.fingerprint256, notAfter: new Date(x509.validTo).toISOString() };
}

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'certbell-tls-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function validDays(days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a whole number ≥ 1, not ${days}`);
  return String(days);
}

/** A certificate for these names, made by `openssl req -x509` (self-signed unless `issuer` is given). */
export async function makeCertificate(options: CertificateOptions): Promise<TestCertificate> {
  const names = options.dnsNames ?? [options.commonName];
  const args = ['-subj', subject(options.commonName), '-days', validDays(options.days ?? 90)];
  if (names.length > 0) args.push('-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`);
  return inTempDir((dir) => openssl(args, dir, options.issuer));
}

/** A self-signed CA certificate and key, to pass as `issuer`. */
export async function makeAuthority(options: { commonName?: string; days?: number } = {}): Promise<Authority> {
  const args = ['-subj', subject(options.commonName ?? 'Certbell Test CA'), '-days', validDays(options.days ?? 365),
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];
  return inTempDir((dir) => openssl(args, dir));
}

/** `n` certificates in order, at most `parallel` openssl processes at once (a few ms each). */
export async function makeCertificates(n: number, optionsFor: (i: number) => CertificateOptions, parallel = 4): Promise<TestCertificate[]> {
  const out: TestCertificate[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, n)) }, async () => {
    while (next < n) {
      const i = next++;
      try {
        out[i] = await makeCertificate(optionsFor(i));
      } catch (error) {
        next = n;
        throw error;
      }
    }
  }));
  return out;
}

/** Open sockets now and at most, counted on the raw TCP connection (before any TLS). */
export class SocketGauge {
  private open = 0;
  private peak = 0;
  private total = 0;
  readonly sockets = new Set<Socket>();

  track(socket: Socket): void {
    this.open++;
    this.total++;
    this.peak = Math.max(this.peak, this.open);
    this.sockets.add(socket);
    // A client that resets the connection is something these servers expect, not a test failure.
    socket.on('error', () => undefined);
    socket.once('close', () => { this.open--; this.sockets.delete(socket); });
  }

  get connections(): number { return this.total; }
  get openNow(): number { return this.open; }
  get maxOpen(): number { return this.peak; }
  destroyAll(): void { for (const s of this.sockets) s.destroy(); }
}

export interface TlsServer {
  host: '127.0.0.1';
  port: number;
  /** "127.0.0.1:PORT". */
  target: string;
  /** Serves another certificate to new connections (open ones keep theirs). */
  swap(cert: KeyPair): void;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Peak of sockets open at once. */
  maxOpen(): number;
  /** Destroys open sockets and stops listening. */
  close(): Promise<void>;
}

export interface SniServer extends Omit<TlsServer, 'swap'> {
  /** Serves this certificate for `servername` to new connections (adds the name if it is new). */
  swap(servername: string, cert: KeyPair): void;
}

export interface TlsServerGroup {
  servers: TlsServer[];
  /** The servers' "127.0.0.1:PORT", in order. */
  targets: string[];
  /** Summed over every server. */
  connections(): number;
  /** Peak of sockets open at once over every server together. */
  maxOpen(): number;
  close(): Promise<void>;
}

function listen(server: Server | NetServer, gauge: SocketGauge): Promise<number> {
  server.on('connection', (socket: Socket) => gauge.track(socket));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

function closer(server: Server | NetServer, gauge: SocketGauge): () => Promise<void> {
  return () => new Promise((resolve) => { server.close(() => resolve()); gauge.destroyAll(); });
}

/** Clients that give up mid-handshake, or reset the connection later, are what these servers expect. */
function tolerateClients(server: Server): void {
  server.on('tlsClientError', () => undefined);
  server.on('secureConnection', (socket: TLSSocket) => socket.on('error', () => undefined));
}

/** A TLS server on 127.0.0.1 serving one certificate whatever the SNI. */
export async function startTlsServer(cert: KeyPair, gauge = new SocketGauge()): Promise<TlsServer> {
  const server = createServer({ cert: cert.certPem, key: cert.keyPem });
  tolerateClients(server);
  const port = await listen(server, gauge);
  return { host: '127.0.0.1', port, target: `127.0.0.1:${port}`,
    swap: (next) => server.setSecureContext({ cert: next.certPem, key: next.keyPem }),
    connections: () => gauge.connections, maxOpen: () => gauge.maxOpen, close: closer(server, gauge) };
}

/** `n` TLS servers, server i serving `certFor(i)`, counted by one gauge. */
export async function startTlsServers(n: number, certFor: (i: number) => KeyPair, gauge = new SocketGauge()): Promise<TlsServerGroup> {
  const servers = await Promise.all(Array.from({ length: n }, (_, i) => startTlsServer(certFor(i), gauge)));
  return { servers, targets: servers.map((s) => s.target), connections: () => gauge.connections, maxOpen: () => gauge.maxOpen,
    close: async () => { await Promise.all(servers.map((s) => s.close())); } };
}

/**
 * A TLS server on 127.0.0.1 choosing the certificate by SNI (case-insensitively); a client that
 * sends no SNI or an unknown name gets `fallback` (default: the map's first certificate).
 */
export async function startSniServer(byName: Map<string, KeyPair>, fallback?: KeyPair, gauge = new SocketGauge()): Promise<SniServer> {
  const otherwise = fallback ?? byName.values().next().value;
  if (!otherwise) throw new Error('startSniServer needs at least one certificate');
  const contexts = new Map<string, SecureContext>();
  const serve = (name: string, c: KeyPair) => contexts.set(name.toLowerCase(), createSecureContext({ cert: c.certPem, key: c.keyPem }));
  for (const [name, c] of byName) serve(name, c);
  const server = createServer({ cert: otherwise.certPem, key: otherwise.keyPem,
    SNICallback: (name, done) => done(null, contexts.get(name.toLowerCase())) });
  tolerateClients(server);
  const port = await listen(server, gauge);
  return { host: '127.0.0.1', port, target: `127.0.0.1:${port}`, swap: (name, c) => { serve(name, c); },
    connections: () => gauge.connections, maxOpen: () => gauge.maxOpen, close: closer(server, gauge) };
}

/** A port on 127.0.0.1 with nothing listening (bound, read, closed). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BlackHole {
  port: number;
  target: string;
  connections(): number;
  /** Destroys the held sockets and stops listening. */
  close(): Promise<void>;
}

/** Accepts TCP on 127.0.0.1 and never says a word: no TLS handshake ever completes. */
export async function startBlackHole(): Promise<BlackHole> {
  const gauge = new SocketGauge();
  const server = createNetServer(() => undefined);
  const port = await listen(server, gauge);
  return { port, target: `127.0.0.1:${port}`, connections: () => gauge.connections, close: closer(server, gauge) };
}

export interface IssuedDeliveryOptions {
  /** The issued certificate's PEM: `data.certificate.certificates.main`. */
  mainPem: string;
  /** Default: the PEM's subject CN. */
  commonName?: string;
  /** Default: the sample's id for the common name. */
  certificateId?: string;
  /** `data.id`; default: the sample's id for the common name. */
  orderId?: string;
  /** Default: the PEM's notAfter. */
  expireAt?: string;
  /** `metadata.delivery`; default: a new UUID, so every body is a fresh delivery. */
  deliveryId?: string;
  /** The sample's `activatedAt`; default now. */
  now?: Date;
  /** The sample's chain does not belong to `mainPem`, so it is left out unless one is given. */
  intermediatePem?: string | null;
  rootPem?: string | null;
}

/** The JSON text of an Openprovider `ssl_panel.issued` delivery (the built-in sample) carrying `mainPem`. */
export function issuedDeliveryBody(options: IssuedDeliveryOptions): string {
  const x509 = new X509Certificate(options.mainPem);
  const commonName = options.commonName ?? /(?:^|\n)CN=([^\n]+)/.exec(x509.subject)?.[1] ?? 'example.com';
  const delivery = sampleDelivery('ssl_panel.issued', { deliveryId: options.deliveryId ?? randomUUID(), commonName, now: options.now });
  const data = delivery.data as CertificateEventData;
  if (options.orderId !== undefined) data.id = options.orderId;
  const { certificate } = data;
  if (options.certificateId !== undefined) certificate.id = options.certificateId;
  certificate.expireAt = options.expireAt ?? new Date(x509.validTo).toISOString();
  certificate.certificates = { main: options.mainPem, intermediate: options.intermediatePem ?? null, root: options.rootPem ?? null };
  return JSON.stringify(delivery);
}
