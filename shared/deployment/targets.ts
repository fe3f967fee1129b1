/**
 * Deployment targets as written in `deployment.targets` (SPEC §12): "host:port", with an IPv6
 * address in brackets ("[::1]:8443"). Pure text rules, shared by the config schema (so the settings
 * page validates as you type) and the checker.
 */

export interface TargetAddress {
  host: string;
  port: number;
}

const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** A DNS host name or an IPv4 address (no wildcard: a wildcard has no host to connect to). */
export function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  return text.replace(/\.$/, '').split('.').every((label) => HOST_LABEL.test(label));
}

/** A certificate name as a `deployment.targets` key: a host name, or a wildcard such as "*.example.nl". */
export function isCertificateName(text: string): boolean {
  return text.startsWith('*.') ? isHostName(text.slice(2)) : isHostName(text);
}

function isIpv6(text: string): boolean {
  return /^[0-9A-Fa-f:.]+$/.test(text) && text.includes(':') && text.split('::').length <= 2;
}

/** "host:port" → its parts, or null when it is not one (a port is required, 1–65535). */
export function parseTarget(text: string): TargetAddress | null {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  const host = match[1] ?? match[2];
  if (match[1] !== undefined ? !isIpv6(host) : !isHostName(host)) return null;
  return { host, port };
}

/** The address as written back: IPv6 in brackets. */
export function formatTarget(address: TargetAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

export const DEFAULT_TLS_PORT = 443;
