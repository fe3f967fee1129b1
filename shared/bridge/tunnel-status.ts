/**
 * When the tunnel needs the user, in one sentence: the tray's error icon and tooltip and the
 * dashboard agree on it. Null while it is fine (or deliberately stopped).
 */
import type { TunnelState } from './types.ts';

export function tunnelProblem(state: TunnelState): string | null {
  if (state.phase === 'failed') return `Tunnel failed: ${state.error ?? 'see its output'}`;
  if (state.phase === 'restarting') return `Tunnel ${state.error ?? 'exited'}; restarting`;
  if (state.phase === 'up' && state.lastCheck && !state.lastCheck.ok) return `Webhook URL not reachable: ${state.lastCheck.message}`;
  return null;
}
