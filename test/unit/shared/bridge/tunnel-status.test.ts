import { describe, expect, it } from 'vitest';
import { tunnelProblem, type ReachabilityResult, type TunnelState } from '../../../../shared/bridge/index.ts';

const base: TunnelState = { phase: 'up', command: ['cloudflared'], pid: 1, tunnelUrl: 'https://a.example', webhookUrl: 'https://a.example/webhook',
  upSince: null, restarts: 0, nextRestartAt: null, error: null, output: [], lastCheck: null, checking: false };
const check = (ok: boolean): ReachabilityResult => ({ ok, url: 'https://a.example/webhook', deliveryId: 'certbell-check-1',
  checkedAt: '', durationMs: 1, status: ok ? 200 : 502, received: ok, message: ok ? 'Reachable' : 'answered 502' });

describe('tunnelProblem', () => {
  it('is null while the tunnel is up and reachable, starting, or stopped on purpose', () => {
    expect(tunnelProblem({ ...base, lastCheck: check(true) })).toBeNull();
    expect(tunnelProblem({ ...base, phase: 'starting' })).toBeNull();
    expect(tunnelProblem({ ...base, phase: 'stopped' })).toBeNull();
  });

  it('names a failed or restarting tunnel and a failed reachability check', () => {
    expect(tunnelProblem({ ...base, phase: 'failed', error: 'could not start: cloudflared not found' }))
      .toBe('Tunnel failed: could not start: cloudflared not found');
    expect(tunnelProblem({ ...base, phase: 'restarting', error: 'exited (code 1)' })).toBe('Tunnel exited (code 1); restarting');
    expect(tunnelProblem({ ...base, lastCheck: check(false) })).toBe('Webhook URL not reachable: answered 502');
  });
});
