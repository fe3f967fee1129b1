/** `certbell sync`: reconcile the inventory with the provider's API now (SPEC §13). */
import type { SyncChange, SyncFailureKind, SyncResult } from '../../../shared/bridge/sync-types.ts';
import { API_STATUS_LABELS, type ApiStatus } from '../../../shared/openprovider/status-mapping.ts';
import { streamLogger } from '../../core/logger.ts';
import { headlessNotifier } from '../headless-notifier.ts';
import { withServices } from '../cli-services.ts';
import { parseOptions, table, writeJson, type Command } from '../cli-support.ts';

const FAILURE_WORDS: Record<SyncFailureKind, string> = {
  'bad-credentials': 'bad credentials',
  maintenance: 'the API is in maintenance; the running app tries again later',
  network: 'network error; the running app tries again with a backoff',
  protocol: 'unexpected answer',
  'not-configured': 'not configured',
};

function statusText(code: string | null): string {
  if (code === null) return '(new)';
  return Object.hasOwn(API_STATUS_LABELS, code) ? `${code} ${API_STATUS_LABELS[code as ApiStatus]}` : code;
}

export function changesTable(changes: readonly SyncChange[]): string {
  return table([['COMMON NAME', 'ORDER', 'FROM', 'TO', 'NOTIFICATION'],
    ...changes.map((c) => [c.commonName ?? c.certificateId, c.orderId, statusText(c.from), statusText(c.to), c.notification ?? '-'])]);
}

function summary(result: SyncResult): string {
  const changes = result.changes.length;
  const first = result.first ? ' (first sync: only what needs attention now was notified)' : '';
  return `Synced: ${result.orders} ${result.orders === 1 ? 'order' : 'orders'}, ${changes} ${changes === 1 ? 'change' : 'changes'}${first}.\n`;
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Reconcile the certificate inventory with the provider\'s API now',
  usage: `certbell sync [--json] [--data-dir DIR]

  Logs in to the provider of config.json's "provider" block, reads every order and brings the
  inventory in line with it: missed state changes are written (timeline: "found by provider
  sync") and notified as the missed delivery would have been; a state already known raises
  nothing. A failed sync changes nothing. Exit status 0 when the sync succeeded, 1 otherwise.
  --json  One JSON object: {ok, at, orders, changes: [{certificateId, commonName, orderId, from,
          to, notification, notificationKind, at}], error, errorKind, trigger, durationMs, first}`,
  async run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' } });
    const notifier = await headlessNotifier(streamLogger(io.stderr), io.env);
    const result = await withServices(values['data-dir'], io, { mode: 'write', notifier }, (services) => services.sync.run());
    if (values.json) {
      writeJson(io, result);
      return result.ok ? 0 : 1;
    }
    if (!result.ok) {
      io.stderr.write(`certbell sync: failed (${FAILURE_WORDS[result.errorKind ?? 'protocol']}): ${result.error ?? 'unknown error'}\n`);
      return 1;
    }
    io.stdout.write(summary(result));
    if (result.changes.length > 0) io.stdout.write(changesTable(result.changes));
    return 0;
  },
};
