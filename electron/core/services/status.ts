/** The dashboard's status line: where the listener is, what was received, how notifications reach the user. */
import type { ServiceStatus } from '../../../shared/bridge/index.ts';
import { invalid } from './service-error.ts';
import type { ServiceParts } from './service-parts.ts';

export class StatusService {
  private readonly parts: ServiceParts;

  constructor(parts: ServiceParts) {
    this.parts = parts;
  }

  get(): ServiceStatus {
    if (!this.parts.listener) throw invalid('no listener runs in this process');
    const { webhookUrl, host, port, path } = this.parts.listener();
    const counts = this.parts.store.reads.countsByOutcome();
    const loaded = this.parts.config();
    return {
      webhookUrl, listener: { host, port, path }, counts, total: Object.values(counts).reduce((a, b) => a + b, 0),
      dataDir: this.parts.dataDir, notifier: this.parts.notifications().notifierName,
      signing: { secrets: loaded.keys.length, allowUnsigned: loaded.config.allowUnsigned },
      ...(this.parts.secretStorage ? { secretStorage: this.parts.secretStorage() } : {}),
    };
  }
}
