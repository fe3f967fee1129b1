/**
 * The tunnel as the shells and the UI see it: the supervisor's state plus the public webhook URL
 * and the last reachability check, which runs by itself once the tunnel is up (retried a few
 * times, since fresh tunnels often need seconds before they forward) and on demand.
 */
import type { ReachabilityResult, TunnelState } from '../../../shared/bridge/types.ts';
import type { Logger } from '../logger.ts';
import type { TunnelSupervisor } from './tunnel-supervisor.ts';
import { publicWebhookUrl } from './url-extractor.ts';

export interface TunnelServiceDeps {
  supervisor: TunnelSupervisor;
  settings: () => { path: string; publicUrl: string | null };
  check: (url: string) => Promise<ReachabilityResult>;
  logger: Logger;
  /** Delays before the automatic checks after the tunnel came up; the first one that passes ends them. */
  autoCheckDelaysMs?: number[];
}

export type TunnelListener = (event: { kind: 'state'; state: TunnelState } | { kind: 'output'; line: string }) => void;

export class TunnelService {
  private readonly deps: TunnelServiceDeps;
  private readonly listeners = new Set<TunnelListener>();
  private lastCheck: ReachabilityResult | null = null;
  private checking = 0;
  private autoCheckRun = 0;
  private autoTimer: NodeJS.Timeout | null = null;
  /** The public webhook URL last told to listeners (tunnel.json, the log, the UI). */
  private toldUrl: string | null = null;

  constructor(deps: TunnelServiceDeps) {
    this.deps = deps;
    deps.supervisor.onEvent((event) => {
      if (event.kind === 'output') this.emit({ kind: 'output', line: event.line });
      else if (event.kind === 'up') { this.lastCheck = null; this.emitState(); this.autoCheck(); }
      else this.emitState();
    });
  }

  state(): TunnelState {
    const snapshot = this.deps.supervisor.snapshot();
    const { path, publicUrl } = this.deps.settings();
    return { ...snapshot, webhookUrl: publicWebhookUrl(snapshot.tunnelUrl, path, publicUrl),
      lastCheck: this.lastCheck, checking: this.checking > 0 };
  }

  /** The URL to give the provider, or null while there is none. */
  webhookUrl(): string | null {
    return this.state().webhookUrl;
  }

  onChange(listener: TunnelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): TunnelState {
    this.deps.supervisor.start();
    return this.state();
  }

  async stop(): Promise<TunnelState> {
    this.cancelAutoCheck();
    await this.deps.supervisor.stop();
    return this.state();
  }

  /**
   * After a config reload: a new `listener.path` or `tunnel.publicUrl` changes the public webhook
   * URL without any tunnel event. Then it is told again, and a check of the old URL no longer
   * stands for it: a running tunnel checks the new one.
   */
  settingsChanged(): void {
    if (this.state().webhookUrl === this.toldUrl) return;
    this.lastCheck = null;
    this.emitState();
    if (this.deps.supervisor.snapshot().phase === 'up') this.autoCheck();
  }

  /** After the machine resumed: a tunnel's connection rarely survives a sleep. */
  resume(): void {
    void this.deps.supervisor.restart('the machine resumed');
  }

  async check(): Promise<ReachabilityResult> {
    const url = this.state().webhookUrl;
    if (!url) {
      const result: ReachabilityResult = { ok: false, url: '', deliveryId: '', checkedAt: new Date().toISOString(), durationMs: 0,
        status: null, received: false, message: 'There is no public URL yet: start the tunnel, or set tunnel.publicUrl.' };
      this.lastCheck = result;
      this.emitState();
      return result;
    }
    this.checking += 1;
    this.emitState();
    try {
      this.lastCheck = await this.deps.check(url);
      const log = this.lastCheck.ok ? this.deps.logger.info : this.deps.logger.warn;
      log.call(this.deps.logger, `tunnel: reachability check of ${url}: ${this.lastCheck.message}`);
      return this.lastCheck;
    } finally {
      this.checking -= 1;
      this.emitState();
    }
  }

  close(): void {
    this.cancelAutoCheck();
    this.listeners.clear();
  }

  private autoCheck(): void {
    this.cancelAutoCheck();
    const run = ++this.autoCheckRun;
    const delays = this.deps.autoCheckDelaysMs ?? [500, 3_000, 10_000];
    const next = (index: number) => {
      if (index >= delays.length) return;
      this.autoTimer = setTimeout(() => {
        this.autoTimer = null;
        if (run !== this.autoCheckRun || this.deps.supervisor.snapshot().phase !== 'up') return;
        void this.check().then((result) => { if (!result.ok && run === this.autoCheckRun) next(index + 1); },
          (error: Error) => this.deps.logger.error(`tunnel: reachability check failed: ${error.message}`));
      }, delays[index]);
      this.autoTimer.unref();
    };
    next(0);
  }

  private cancelAutoCheck(): void {
    this.autoCheckRun += 1;
    if (this.autoTimer) { clearTimeout(this.autoTimer); this.autoTimer = null; }
  }

  private emitState(): void {
    const state = this.state();
    this.toldUrl = state.webhookUrl;
    this.emit({ kind: 'state', state });
  }

  private emit(event: Parameters<TunnelListener>[0]): void {
    for (const listener of this.listeners) {
      try { listener(event); } catch { /* one broken subscriber must not starve the others */ }
    }
  }
}
