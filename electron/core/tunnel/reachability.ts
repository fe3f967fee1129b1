/**
 * The reachability check (SPEC §8): a signed test delivery posted to the public webhook URL, as
 * the provider would post it. It answers the seed's "two most common mistakes": a URL that leads
 * somewhere else (answered, but this listener never stored the delivery) and an endpoint that
 * does not answer 2xx (the status the provider would see, and why).
 */
import { randomUUID } from 'node:crypto';
import { CHECK_DELIVERY_PREFIX, CHECK_EVENT, type ReachabilityResult } from '../../../shared/bridge/types.ts';
import { providerHeaders, sampleBody } from '../signature/sign.ts';
import { postBytes } from '../http-post.ts';

export interface CheckDeps {
  /** Whether this Certbell's store holds a delivery with this id (the listener received it). */
  received: (deliveryId: string) => boolean;
  /** The secret the provider signs with (the first configured one); null sends unsigned. */
  secret: string | null;
  timeoutMs?: number;
  now?: () => number;
}

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch { /* not JSON */ }
  return body.trim().slice(0, 120) || 'no body';
}

function verdict(status: number | null, received: boolean, body: string, reachError: string | null, url: string): string {
  if (status === null) return `Could not reach ${url}: ${reachError}. The provider could not deliver either.`;
  const ok = status >= 200 && status < 300;
  if (ok && received) return `Reachable: the test delivery arrived and was answered ${status}, as the provider needs.`;
  if (ok) return `${url} answered ${status}, but this Certbell never received the test delivery: the URL leads somewhere else.`;
  if (received) {
    const hint = status === 401 ? ' Check that a secret is configured and is the one entered at the provider.' : '';
    return `The test delivery arrived, but was answered ${status} (${errorText(body)}); the provider would count it as failed.${hint}`;
  }
  return `${url} answered ${status} and this Certbell never received the test delivery: the tunnel does not lead to this listener.`;
}

export async function checkReachability(url: string, deps: CheckDeps): Promise<ReachabilityResult> {
  const now = deps.now ?? Date.now;
  const started = now();
  const deliveryId = `${CHECK_DELIVERY_PREFIX}${randomUUID()}`;
  const { body, signature } = sampleBody(CHECK_EVENT, deliveryId, undefined, deps.secret, 'data');
  const headers = providerHeaders({ agent: 'Tribuo/1.0 (certbell reachability check)', deliveryId, event: CHECK_EVENT, signature });
  let status: number | null = null;
  let answer = '';
  let reachError: string | null = null;
  try {
    const parsedUrl = new URL(url);
    const result = await postBytes(parsedUrl, headers, body, deps.timeoutMs ?? 10_000);
    status = result.status;
    answer = result.body;
  } catch (error) {
    reachError = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
  const received = status !== null && deps.received(deliveryId);
  return {
    ok: status !== null && status >= 200 && status < 300 && received,
    url, deliveryId, checkedAt: new Date(started).toISOString(), durationMs: Math.max(0, now() - started),
    status, received, message: verdict(status, received, answer, reachError, url),
  };
}
