/**
 * Where the webhook listener is bound, and moving it when the settings ask for another address:
 * the new listener is opened before the old one closes, so a failed move keeps the old one. The
 * URL is published in listener.json for the CLI in other processes (`--port 0`, a moved port).
 */
import type { Config } from '../../../shared/config/index.ts';
import type { Logger } from '../logger.ts';
import type { Ingest } from '../ingest/ingest.ts';
import { WebhookListener } from './http-listener.ts';
import { writeListenerFileSync } from './listener-file.ts';

export interface BindingDeps {
  ingest: Ingest;
  logger: Logger;
  now: () => number;
  dataDir: string;
  settings: () => Config['listener'];
  /** Command-line overrides: the settings' host or port are then not followed. */
  host?: string;
  port?: number;
}

/** A host as it appears in a URL: the wildcard as loopback, IPv6 in brackets. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export class ListenerBinding {
  private readonly deps: BindingDeps;
  private listener: WebhookListener;
  private bound: { host: string; port: number };
  private published = '';

  constructor(deps: BindingDeps) {
    this.deps = deps;
    this.listener = this.newListener();
    this.bound = this.wanted();
  }

  async listen(): Promise<void> {
    const address = await this.listener.listen(this.bound.host, this.bound.port);
    this.bound = { host: this.bound.host, port: address.port };
    this.publish();
  }

  get host(): string { return this.bound.host; }
  get port(): number { return this.bound.port; }

  webhookUrl(): string {
    return `http://${urlHost(this.bound.host)}:${this.bound.port}${this.deps.settings().path}`;
  }

  /** The listener's own settings changed (limits, timeouts): applied to open connections too. */
  applySettings(): void {
    this.listener.applySettings();
  }

  /** Moves the listener when host or port changed; true when it moved. */
  async follow(): Promise<boolean> {
    const wanted = this.wanted();
    const samePort = this.deps.port !== undefined || wanted.port === this.bound.port;
    if (wanted.host === this.bound.host && samePort) { this.publish(); return false; }
    const next = this.newListener();
    try {
      const address = await next.listen(wanted.host, wanted.port);
      const previous = this.listener;
      this.listener = next;
      this.bound = { host: wanted.host, port: address.port };
      await previous.close();
      this.deps.logger.info(`listener: moved to ${this.bound.host}:${this.bound.port}`);
      this.publish();
      return true;
    } catch (error) {
      this.deps.logger.error(`listener: ${(error as Error).message}; still listening on ${this.bound.host}:${this.bound.port}`);
      return false;
    }
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  private wanted(): { host: string; port: number } {
    const settings = this.deps.settings();
    return { host: this.deps.host ?? settings.host, port: this.deps.port ?? settings.port };
  }

  private newListener(): WebhookListener {
    return new WebhookListener({ ingest: this.deps.ingest, logger: this.deps.logger, now: this.deps.now, settings: this.deps.settings });
  }

  /** listener.json, rewritten only when the URL changed (config reloads mostly leave it). */
  private publish(): void {
    const url = this.webhookUrl();
    if (url === this.published) return;
    try {
      writeListenerFileSync(this.deps.dataDir, url);
      this.published = url;
    } catch (error) { this.deps.logger.warn(`listener: cannot write listener.json: ${(error as Error).message}`); }
  }
}
