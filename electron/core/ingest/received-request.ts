/** A webhook request as the listener hands it over, and the reply it sends back. */
import type { IncomingHttpHeaders } from 'node:http';

export interface ReceivedRequest {
  method: string;
  /** The request target as sent (path and query). */
  path: string;
  rawHeaders: string[];
  /** Node's lower-cased header object. */
  headers: IncomingHttpHeaders;
  /** The client address: the socket peer, or the trusted `listener.clientAddressHeader` (SPEC §11). */
  remoteAddress: string | null;
  /** The socket peer itself (a tunnel's is loopback). */
  socketAddress?: string | null;
  receivedAt: number;
  body: Buffer;
}

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Answers a new, validly signed delivery: the connection is a known sender's. */
  trusted?: boolean;
}

export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), headers };
}

export function headerText(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === '' ? null : value;
}
