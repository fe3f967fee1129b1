/**
 * The bridge over HTTP, as the headless web host serves it: `POST /api/<method>` (same origin,
 * the HttpOnly cookie carries the token) and `GET /api/events` as Server-Sent Events.
 */
import type { BridgeEvent, MethodName, MethodParams, MethodResult } from '../../../shared/bridge/index.ts';
import { EVENT_NAMES } from '../../../shared/bridge/events.ts';
import { BridgeError } from './bridge-error.ts';

function explainStatus(status: number): string {
  if (status === 401) return 'not authorized: open the URL printed by `certbell serve` (it carries this run\'s token)';
  if (status === 421 || status === 403) return 'refused by the host (foreign Host or Origin)';
  return `HTTP ${status}`;
}

export async function call<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<MethodResult<M>> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
      body: JSON.stringify(params ?? {}),
    });
  } catch (error) {
    throw new BridgeError(method, 0, `${method}: the Certbell host is not reachable (${(error as Error).message})`);
  }
  const text = await res.text();
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { /* reported below */ }
  if (!res.ok) {
    const detail = body && typeof body === 'object' && 'error' in body ? String((body as { error: unknown }).error) : explainStatus(res.status);
    throw new BridgeError(method, res.status, `${method}: ${detail}`);
  }
  return body as MethodResult<M>;
}

export type ConnectionState = 'connecting' | 'open' | 'retrying';

export interface EventSubscription {
  close(): void;
}

/** Listens to every pushed event; the browser reconnects by itself after the host's `retry`. */
export function subscribe(listener: (event: BridgeEvent) => void, onState?: (state: ConnectionState) => void): EventSubscription {
  const source = new EventSource('/api/events');
  onState?.('connecting');
  source.onopen = () => onState?.('open');
  source.onerror = () => onState?.(source.readyState === EventSource.CLOSED ? 'retrying' : 'connecting');
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (message: MessageEvent<string>) => {
      try {
        listener({ event: name, data: JSON.parse(message.data) } as BridgeEvent);
      } catch {
        console.warn(`certbell: ignored a malformed ${name} event`);
      }
    });
  }
  return { close: () => source.close() };
}
