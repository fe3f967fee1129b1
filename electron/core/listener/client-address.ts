/**
 * SPEC §11: behind a tunnel every request comes from loopback, so the real client address is in a
 * header the tunnel sets (`listener.clientAddressHeader`). It is believed only from a loopback
 * peer: anyone else could write any address there.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

export function isLoopback(address: string | null | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/**
 * The client address of a request: from `headerName` when the peer is loopback and the header
 * holds an IP address, else the peer's own. With several addresses (`x-forwarded-for: a, b`),
 * the last one counts: it is the one the nearest proxy — the tunnel — saw; the ones before it are
 * whatever the sender wrote.
 */
export function clientAddress(peer: string | null, headers: IncomingHttpHeaders, headerName: string | null): string | null {
  if (!headerName || !isLoopback(peer)) return peer;
  const raw = headers[headerName.toLowerCase()];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (!value) return peer;
  const last = value.slice(value.lastIndexOf(',') + 1).trim();
  return isIP(last) ? last : peer;
}
