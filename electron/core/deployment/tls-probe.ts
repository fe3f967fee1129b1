/**
 * One TLS handshake with one target (SPEC §12): plain `tls.connect`, SNI = the name, the chain
 * not trusted blindly but not required either (`rejectUnauthorized: false`, its verdict recorded).
 * Connect and handshake share one timeout; the socket is closed as soon as the leaf is read.
 */
import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import { dnsNamesOf } from './issued-certificate.ts';

export interface ProbeTarget {
  host: string;
  port: number;
  /** Sent as SNI (unless it is an IP address) and checked against the served certificate. */
  name: string;
}

export type ProbeResult =
  | { ok: true; fingerprint: string; notAfter: string | null; coversName: boolean; chainVerified: boolean;
      chainError: string | null; durationMs: number }
  | { ok: false; error: string; durationMs: number };

const ERROR_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused', ECONNRESET: 'connection reset during the TLS handshake',
  ENOTFOUND: 'host name not found', EAI_AGAIN: 'host name lookup failed (temporary)', EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable', ETIMEDOUT: 'connection timed out', EPIPE: 'connection closed during the TLS handshake',
};

function describe(error: NodeJS.ErrnoException): string {
  const known = error.code ? ERROR_TEXT[error.code] : undefined;
  return known ?? error.message;
}

/** Whether the served leaf covers `name`: a host by X509Certificate.checkHost, a wildcard only by the same wildcard. */
export function covers(cert: X509Certificate, name: string): boolean {
  if (isIP(name)) return cert.checkIP(name) !== undefined;
  if (!name.startsWith('*.')) return cert.checkHost(name) !== undefined;
  const wanted = name.toLowerCase();
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1]?.toLowerCase();
  return dnsNamesOf(cert.subjectAltName).some((n) => n.toLowerCase() === wanted) || cn === wanted;
}

function notAfterOf(cert: X509Certificate): string | null {
  const at = Date.parse(cert.validTo);
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

export function probeTls(target: ProbeTarget, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let socket: TLSSocket | undefined;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      socket?.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `no TLS handshake within ${timeoutMs} ms`, durationMs: elapsed() }), timeoutMs);
    const abort = () => finish({ ok: false, error: 'the check was stopped', durationMs: elapsed() });
    if (signal?.aborted) { abort(); return; }
    signal?.addEventListener('abort', abort, { once: true });
    try {
      socket = connect({ host: target.host, port: target.port, servername: isIP(target.name) ? undefined : target.name,
        rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    } catch (error) {
      finish({ ok: false, error: describe(error as NodeJS.ErrnoException), durationMs: elapsed() });
      return;
    }
    socket.once('secureConnect', () => {
      const cert = socket!.getPeerX509Certificate();
      if (!cert) {
        finish({ ok: false, error: 'the server sent no certificate', durationMs: elapsed() });
        return;
      }
      const authError = socket!.authorizationError as Error | string | null | undefined;
      finish({ ok: true, fingerprint: cert.fingerprint256, notAfter: notAfterOf(cert), coversName: covers(cert, target.name),
        chainVerified: socket!.authorized, chainError: socket!.authorized ? null : String(authError ?? 'not verified'),
        durationMs: elapsed() });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, error: describe(error), durationMs: elapsed() }));
    socket.once('close', () => finish({ ok: false, error: 'the connection closed before the TLS handshake completed', durationMs: elapsed() }));
  });
}
