/**
 * TLS for the deployment check's tests (SPEC §12): certificates made by Debian's `openssl` CLI
 * (EC P-256, so hundreds can be made quickly), real `tls` servers on 127.0.0.1 whose certificate
 * can be swapped, a closed port, and a server that accepts TCP but never completes a handshake.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, createServer, type SecureContext, type Server } from 'node:tls';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  /** As X509Certificate.fingerprint256 (and `openssl x509 -fingerprint -sha256`) spell it. */
  fingerprint256: string;
  /** notAfter, ISO 8601. */
  notAfter: string;
}

export interface CertificateOptions {
  commonName: string;
  /** subjectAltName DNS entries; default: the common name. */
  dnsNames?: string[];
  /** Validity in days from now; default 90. */
  days?: number;
}

/** A self-signed certificate for these names, made by `openssl req -x509`. */
export async function makeCertificate(options: CertificateOptions): Promise<TestCertificate> {
  const dir = mkdtempSync(join(tmpdir(), 'certbell-tls-'));
  try {
    const names = options.dnsNames ?? [options.commonName];
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', `/CN=${options.commonName}`, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
      '-days', String(options.days ?? 90), '-keyout', key, '-out', cert]);
    const certPem = readFileSync(cert, 'utf8');
    const x509 = new X509Certificate(certPem);
    return { certPem, keyPem: readFileSync(key, 'utf8'), fingerprint256: x509.fingerprint256,
      notAfter: new Date(x509.validTo).toISOString() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `n` certificates, at most `parallel` openssl processes at once. */
export async function makeCertificates(n: number, optionsFor: (i: number) => CertificateOptions, parallel = 4): Promise<TestCertificate[]> {
  const out: TestCertificate[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await makeCertificate(optionsFor(i));
    }
  }));
  return out;
}

/** Open sockets now and at most, counted on the raw TCP connection. */
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
    socket.on('error', () => undefined);
    socket.once('close', () => { this.open--; this.sockets.delete(socket); });
  }

  get connections(): number { return this.total; }
  get maxOpen(): number { return this.peak; }
  destroyAll(): void { for (const s of this.sockets) s.destroy(); }
}

export interface TlsServer {
  host: '127.0.0.1';
  port: number;
  /** "127.0.0.1:PORT". */
  target: string;
  /** Serves another certificate to new connections. */
  swap(cert: Pick<TestCertificate, 'certPem' | 'keyPem'>): void;
  connections(): number;
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
  return () => new Promise((resolve) => { gauge.destroyAll(); server.close(() => resolve()); });
}

/** A TLS server on 127.0.0.1 serving one certificate whatever the SNI. */
export async function startTlsServer(cert: Pick<TestCertificate, 'certPem' | 'keyPem'>, gauge = new SocketGauge()): Promise<TlsServer> {
  const server = createServer({ cert: cert.certPem, key: cert.keyPem });
  server.on('tlsClientError', () => undefined);
  const port = await listen(server, gauge);
  return { host: '127.0.0.1', port, target: `127.0.0.1:${port}`,
    swap: (next) => server.setSecureContext({ cert: next.certPem, key: next.keyPem }),
    connections: () => gauge.connections, maxOpen: () => gauge.maxOpen, close: closer(server, gauge) };
}

/** A TLS server on 127.0.0.1 choosing the certificate by SNI (`fallback` for an unknown name). */
export async function startSniServer(byName: Map<string, Pick<TestCertificate, 'certPem' | 'keyPem'>>,
  fallback: Pick<TestCertificate, 'certPem' | 'keyPem'>, gauge = new SocketGauge()): Promise<Omit<TlsServer, 'swap'>> {
  const contexts = new Map<string, SecureContext>();
  for (const [name, c] of byName) contexts.set(name, createSecureContext({ cert: c.certPem, key: c.keyPem }));
  const server = createServer({ cert: fallback.certPem, key: fallback.keyPem,
    SNICallback: (name, done) => done(null, contexts.get(name.toLowerCase())) });
  server.on('tlsClientError', () => undefined);
  const port = await listen(server, gauge);
  return { host: '127.0.0.1', port, target: `127.0.0.1:${port}`, connections: () => gauge.connections,
    maxOpen: () => gauge.maxOpen, close: closer(server, gauge) };
}

/** A port on 127.0.0.1 with nothing listening (bound, read, closed). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Accepts TCP on 127.0.0.1 and never says a word: no TLS handshake ever completes. */
export async function startBlackHole(): Promise<{ port: number; target: string; close(): Promise<void> }> {
  const gauge = new SocketGauge();
  const server = createNetServer(() => undefined);
  const port = await listen(server, gauge);
  return { port, target: `127.0.0.1:${port}`, close: closer(server, gauge) };
}
