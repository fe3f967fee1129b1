/** `certbell deliveries`: the stored deliveries, newest first. */
import { DELIVERY_OUTCOMES, type DeliveryOutcome } from '../../core/store/delivery-types.ts';
import { openStoreForReading } from '../open-store.ts';
import { parseOptions, positiveInteger, table, UsageError, writeJson, type Command } from '../cli-support.ts';

const options = {
  json: { type: 'boolean' },
  event: { type: 'string' },
  outcome: { type: 'string' },
  limit: { type: 'string' },
} as const;

function shortTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}

export const deliveriesCommand: Command = {
  name: 'deliveries',
  summary: 'List stored deliveries, newest first',
  usage: `certbell deliveries [--json] [--event E] [--outcome O] [--limit N] [--data-dir DIR]

  --json        One JSON array: {id, deliveryId, attempt, receivedAt, event, entityId,
                commonName, signature, outcome, status}
  --event E     Only this event (e.g. ssl_panel.issued)
  --outcome O   Only this outcome: ${DELIVERY_OUTCOMES.join(', ')}
  --limit N     At most N rows (default 50)`,
  async run(args, io) {
    const { values } = parseOptions(args, options);
    const outcome = values.outcome as DeliveryOutcome | undefined;
    if (outcome && !DELIVERY_OUTCOMES.includes(outcome)) {
      throw new UsageError(`--outcome must be one of ${DELIVERY_OUTCOMES.join(', ')}`);
    }
    const limit = positiveInteger(values.limit, '--limit') ?? 50;
    const opened = openStoreForReading(values['data-dir'], io);
    try {
      const rows = opened.store?.reads.list({ event: values.event, outcome, limit }) ?? [];
      if (values.json) return writeJson(io, rows), 0;
      if (rows.length === 0) {
        const filtered = values.event !== undefined || outcome !== undefined || limit === 0;
        return io.stdout.write(filtered ? 'No deliveries match.\n' : 'No deliveries yet.\n'), 0;
      }
      io.stdout.write(table([
        ['ID', 'RECEIVED (UTC)', 'EVENT', 'OUTCOME', 'STATUS', 'SIGNATURE', 'TRY', 'COMMON NAME', 'DELIVERY ID'],
        ...rows.map((r) => [String(r.id), shortTime(r.receivedAt), r.event ?? '-', r.outcome, String(r.status),
          r.signature, String(r.attempt), r.commonName ?? '-', r.deliveryId]),
      ]));
      return 0;
    } finally {
      opened.close();
    }
  },
};
