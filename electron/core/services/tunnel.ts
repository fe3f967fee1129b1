/**
 * The user's tunnel (SPEC §8): the running core's supervised tunnel (state, start, stop, check),
 * and the one-shot reachability check of `certbell tunnel check`, from any process.
 */
import type { ReachabilityResult, TunnelState } from '../../../shared/bridge/index.ts';
import { firstSecret } from '../config/config-file.ts';
import { checkReachability } from '../tunnel/reachability.ts';
import type { TunnelService } from '../tunnel/tunnel-service.ts';
import { readTunnelStateSync } from '../tunnel/tunnel-state-file.ts';
import { invalid } from './service-error.ts';
import type { ServiceParts } from './service-parts.ts';

export class TunnelControl {
  private readonly parts: ServiceParts;

  constructor(parts: ServiceParts) {
    this.parts = parts;
  }

  state(): TunnelState { return this.supervised().state(); }
  start(): TunnelState { return this.supervised().start(); }
  stop(): Promise<TunnelState> { return this.supervised().stop(); }
  check(): Promise<ReachabilityResult> { return this.supervised().check(); }

  /**
   * A signed test delivery to `url`, else tunnel.publicUrl, else the public URL of the tunnel that
   * the running Certbell of this data directory supervises; `ok` when it arrived here and got a 2xx.
   */
  checkOnce(url?: string, timeoutMs?: number): Promise<ReachabilityResult> {
    const loaded = this.parts.config();
    const running = readTunnelStateSync(this.parts.dataDir);
    const target = url ?? loaded.config.tunnel.publicUrl ?? running?.webhookUrl ?? null;
    if (!target) {
      throw invalid(running
        ? `the tunnel is ${running.phase} and has no public URL yet; try again when it is up, or pass --url`
        : 'no public URL: set tunnel.publicUrl, run "certbell serve" with tunnel.command, or pass --url');
    }
    return checkReachability(target, {
      secret: firstSecret(loaded),
      // One indexed lookup, not the whole record with its body and attempts.
      received: (deliveryId) => this.parts.store.firstReceivedAt(deliveryId) !== null,
      timeoutMs,
    });
  }

  private supervised(): TunnelService {
    if (!this.parts.tunnel) throw invalid('no tunnel is supervised by this process; run "certbell serve" or the desktop app');
    return this.parts.tunnel;
  }
}
