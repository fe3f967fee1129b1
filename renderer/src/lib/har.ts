/** A stored delivery as a HAR 1.2 log: one entry, the request exactly as received and certbell's answer. */
import type { DeliveryRecord, RawBody } from '../../../shared/bridge/index.ts';

interface HarNameValue { name: string; value: string }

function headerValue(headers: [string, string][], name: string): string | null {
  const found = headers.find(([n]) => n.toLowerCase() === name);
  return found ? found[1] : null;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 202: 'Accepted', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };

/**
 * `text` is the body as UTF-8 text, or null when it is binary (then the body goes in base64, the
 * way HAR content does it) or not kept. The URL is the listener's URL with the stored path.
 */
export function harLog(record: DeliveryRecord, raw: RawBody, text: string | null, webhookUrl: string, version: string): object {
  const url = new URL(record.path || '/', webhookUrl || 'http://127.0.0.1/').toString();
  const parsedUrl = new URL(url);
  const headers: HarNameValue[] = record.rawHeaders.map(([name, value]) => ({ name, value }));
  const mimeType = headerValue(record.rawHeaders, 'content-type') ?? 'application/octet-stream';
  const postData = text !== null ? { mimeType, text }
    : raw.base64 !== null ? { mimeType, text: raw.base64, comment: 'binary body, base64-encoded' }
      : { mimeType, text: '', comment: `the body (${raw.size} bytes) was not kept` };
  const response = record.response ?? '';
  return {
    log: {
      version: '1.2',
      creator: { name: 'Certbell', version },
      entries: [{
        startedDateTime: new Date(record.receivedAt).toISOString(),
        time: 0,
        request: {
          method: record.method || 'POST', url, httpVersion: 'HTTP/1.1', cookies: [], headers,
          queryString: [...parsedUrl.searchParams].map(([name, value]) => ({ name, value })),
          postData, headersSize: -1, bodySize: raw.size,
        },
        response: {
          status: record.status, statusText: STATUS_TEXT[record.status] ?? '', httpVersion: 'HTTP/1.1', cookies: [],
          headers: response ? [{ name: 'Content-Type', value: 'application/json' }] : [],
          content: { size: new TextEncoder().encode(response).length, mimeType: 'application/json', text: response },
          redirectURL: '', headersSize: -1, bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: 0, receive: 0 },
        comment: `certbell record ${record.id}, delivery ${record.deliveryId} attempt ${record.attempt}: ${record.outcome}`,
      }],
    },
  };
}
