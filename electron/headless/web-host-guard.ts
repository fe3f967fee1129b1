/**
 * Who may talk to the local web UI: only a page or client on this machine that holds the per-run
 * token, reached by its loopback name (no DNS rebinding) and not called from another site.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Cookies are scoped by host, not port: two instances on 127.0.0.1 (say two data directories)
 * would overwrite each other's token under one name. So the name carries the UI port.
 */
export function tokenCookieName(port: number): string {
  return `certbell_token_${port}`;
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
  + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Set on every response, refusals included. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export function sameToken(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type Refusal = { status: number; message: string } | null;

export class RequestGuard {
  private readonly token: string;
  private readonly port: () => number;

  constructor(token: string, port: () => number) {
    this.token = token;
    this.port = port;
  }

  /** A refusal for a foreign Host or a cross-site Origin, checked before anything else. */
  checkOrigin(req: IncomingMessage): Refusal {
    const port = this.port();
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
    const host = req.headers.host?.toLowerCase();
    if (!host || !allowed.includes(host)) {
      return { status: 421, message: 'This server answers only to 127.0.0.1 or localhost with its own port.' };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.some((h) => origin.toLowerCase() === `http://${h}`)) {
      return { status: 403, message: 'Cross-site requests are refused.' };
    }
    return null;
  }

  /** The token from `Authorization: Bearer` or the cookie. */
  authorized(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && sameToken(auth.slice('Bearer '.length).trim(), this.token)) return true;
    return sameToken(cookie(req, tokenCookieName(this.port())), this.token);
  }

  /** Opening the printed URL (`?token=`) trades the token for an HttpOnly cookie. */
  tokenFromQuery(url: URL): boolean {
    return sameToken(url.searchParams.get('token') ?? undefined, this.token);
  }

  cookieHeader(): string {
    return `${tokenCookieName(this.port())}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
