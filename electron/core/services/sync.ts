/** Provider sync (SPEC §13) for every face: its state, a sync now, what syncs changed, and "test connection". */
import type { ProviderInput } from '../../../shared/bridge/types.ts';
import type { ProviderTestResult, SyncChange, SyncResult, SyncStatus } from '../../../shared/bridge/sync-types.ts';
import { formatConfigErrors, ProviderSchema } from '../../../shared/config/index.ts';
import { NOT_CONFIGURED, providerFor } from '../provider/create-provider.ts';
import { ProviderError } from '../provider/provider.ts';
import { toSyncChange } from '../provider/sync-types.ts';
import type { ServiceParts } from './service-parts.ts';

export const DEFAULT_SYNC_CHANGES = 100;

export class SyncService {
  private readonly parts: ServiceParts;

  constructor(parts: ServiceParts) {
    this.parts = parts;
  }

  status(): SyncStatus {
    return this.parts.sync().status();
  }

  /** One sync now; without a provider block, a failed result that is not recorded (there is nothing to sync with). */
  async run(): Promise<SyncResult> {
    if (!this.parts.config().config.provider) {
      return { ok: false, at: new Date(this.parts.now()).toISOString(), orders: 0, changes: [], error: NOT_CONFIGURED,
        errorKind: 'not-configured', trigger: 'demand', durationMs: 0, first: false };
    }
    return this.parts.sync().run('demand');
  }

  changes(certificateId?: string, limit = DEFAULT_SYNC_CHANGES): SyncChange[] {
    return this.parts.store.syncs.changes(limit, certificateId).map(toSyncChange);
  }

  /** Logs in with the block as edited (its password kept, typed, or from the environment) and counts the orders. */
  async test(input: ProviderInput): Promise<ProviderTestResult> {
    const password = this.password(input);
    if (password === null) {
      return { ok: false, message: 'no password: enter the API password or the environment variable that holds it', orders: null,
        errorKind: 'not-configured' };
    }
    const checked = ProviderSchema.safeParse({ ...input, password: { value: password } });
    if (!checked.success) {
      const errors = checked.error.issues.map((i) => ({ path: ['provider', ...i.path].join('.'), message: i.message }));
      return { ok: false, message: formatConfigErrors(errors), orders: null, errorKind: 'not-configured' };
    }
    try {
      const { orders } = await providerFor({ config: checked.data, password }).test();
      return { ok: true, message: `Connected as "${checked.data.username}": ${orders} ${orders === 1 ? 'order' : 'orders'}`, orders, errorKind: null };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { ok: false, message: error.message, orders: null, errorKind: error.kind };
    }
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    return this.parts.sync().onStatus(listener);
  }

  private password(input: ProviderInput): string | null {
    const source = input.password;
    if ('value' in source) return source.value || null;
    if ('env' in source) return (this.parts.loadOptions?.env ?? process.env)[source.env] || null;
    return this.parts.config().providerPassword ?? null;
  }
}
