/** Rebuilds a stored request as a curl command: method, URL, every header as received (Signature included), exact body. */
import type { DeliveryRecord } from '../../../shared/bridge/index.ts';

// Hop-by-hop and length headers curl computes itself; repeating them would break the request.
const SKIP = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'accept-encoding', 'keep-alive']);

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(record: DeliveryRecord, webhookUrl: string, body: string | null): string {
  const url = new URL(record.path || '/', webhookUrl).toString();
  const parts = [`curl -sS -X ${record.method || 'POST'} ${shellQuote(url)}`];
  for (const [name, value] of record.rawHeaders) {
    if (SKIP.has(name.toLowerCase())) continue;
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (body !== null) parts.push(`--data-binary ${shellQuote(body)}`);
  return parts.join(' \\\n  ');
}
