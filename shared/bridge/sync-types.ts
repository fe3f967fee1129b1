/** Provider sync (SPEC §13) as the bridge and `certbell sync --json` carry it. */
import type { NotificationKind as NotificationKindName } from '../config/index.ts';

/** Why a provider sync failed (SPEC §13); `not-configured`: no `provider` block, or its password cannot be read. */
export type SyncFailureKind = 'bad-credentials' | 'maintenance' | 'network' | 'protocol' | 'not-configured';
/** What started a sync. `retry`: the backoff after a failed one. */
export type SyncTrigger = 'start' | 'resume' | 'interval' | 'demand' | 'retry';

/** One certificate whose state a sync changed: `from` null when the order was new to the inventory. */
export interface SyncChange {
  certificateId: string;
  commonName: string | null;
  orderId: string;
  /** API status codes (PAI, ACT, FAI, EXP, REJ, REQ) of the seed's status-mapping table. */
  from: string | null;
  to: string;
  /** The notification this change raised (its text says it was found by provider sync), or null. */
  notification: string | null;
  notificationKind: NotificationKindName | null;
  at: string;
}

/** One sync (`certbell sync --json`, the `sync.run` result). */
export interface SyncResult {
  ok: boolean;
  at: string;
  /** Orders the API listed (0 when the sync failed). */
  orders: number;
  changes: SyncChange[];
  /** Why it failed, for people (never a credential), or null. */
  error: string | null;
  errorKind: SyncFailureKind | null;
  trigger: SyncTrigger;
  durationMs: number;
  /** The first successful sync of this data directory: only what needs attention now is notified, as one. */
  first: boolean;
}

/** The sync's own state, for the dashboard (`sync.status`, the `sync` event). */
export interface SyncStatus {
  configured: boolean;
  /** The provider kind ("openprovider"), or null. */
  provider: string | null;
  /** The API user, so the UI can say whose orders these are (never the password). */
  username: string | null;
  running: boolean;
  lastRun: SyncResult | null;
  lastSuccessAt: string | null;
  nextRunAt: string | null;
  /** The last run's failure, or null when it succeeded. */
  lastError: { kind: SyncFailureKind; message: string; at: string } | null;
  /** Failed runs in a row (drives the backoff). */
  failures: number;
  intervalMinutes: number | null;
}

/** "Test connection": logged in and listed the first page, or why not. */
export interface ProviderTestResult {
  ok: boolean;
  message: string;
  /** Orders the API holds (its `total`), when the login worked. */
  orders: number | null;
  errorKind: SyncFailureKind | null;
}
