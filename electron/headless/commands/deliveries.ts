/** `certbell deliveries`: the stored deliveries, newest first. */
import { DELIVERY_OUTCOMES, SIGNATURE_VERDICTS, type DeliveryOutcome, type SignatureVerdict } from '../../../shared/bridge/types.ts';
import { withServices } from '../cli-services.ts';
import { parseOptions, positiveInteger, table, UsageError, writeJson, type Command } from '../cli-support.ts';

const options = {
  json: { type: 'boolean' },
  event: { type: 'string' },
  outcome: { type: 'string' },
  signature: { type: 'string' },
  search: { type: 'string' },
  certificate: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
} as const;

/** An ISO 8601 date-time with its offset (as --json prints them), as ms. */
function instant(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`${name} must be an ISO 8601 date-time with an offset (2026-06-01T12:00:00Z)`);
  return ms;
}

function shortTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}

export const deliveriesCommand: Command = {
  name: 'deliveries',
  summary: 'List stored deliveries, newest first',
  usage: `certbell deliveries [--json] [--event E] [--outcome O] [--signature V] [--search TEXT]
                   [--certificate ID] [--since T] [--until T] [--limit N] [--data-dir DIR]

  --json        One JSON array: {id, deliveryId, attempt, receivedAt, event, entityId,
                commonName, signature, outcome, status}
  --event E     Only this event (e.g. ssl_panel.issued)
  --outcome O   Only this outcome: ${DELIVERY_OUTCOMES.join(', ')}
  --signature V Only this signature verdict: ${SIGNATURE_VERDICTS.join(', ')}
  --search TEXT Only deliveries whose common name or delivery id contains TEXT (ASCII case-insensitive),
                as the UI's search box
  --certificate ID  Only the deliveries of this certificate id
  --since T     Only deliveries received at or after T (ISO 8601, e.g. 2026-06-01T12:00:00Z)
  --until T     Only deliveries received before T (exclusive), as the dashboard chart's hours
  --limit N     At most N rows (default 50)`,
  async run(args, io) {
    const { values } = parseOptions(args, options);
    const outcome = values.outcome as DeliveryOutcome | undefined;
    if (outcome !== undefined && !DELIVERY_OUTCOMES.includes(outcome)) {
      throw new UsageError(`--outcome must be one of ${DELIVERY_OUTCOMES.join(', ')}`);
    }
    const signature = values.signature as SignatureVerdict | undefined;
    if (signature !== undefined && !SIGNATURE_VERDICTS.includes(signature)) {
      throw new UsageError(`--signature must be one of ${SIGNATURE_VERDICTS.join(', ')}`);
    }
    for (const name of ['event', 'certificate'] as const) {
      if (values[name] === '') throw new UsageError(`--${name} must not be empty`);
    }
    const limit = positiveInteger(values.limit, '--limit') ?? 50;
    const since = instant(values.since, '--since');
    const until = instant(values.until, '--until');
    const query = { event: values.event, outcome, signature, search: values.search, certificateId: values.certificate, since, until, limit };
    const rows = await withServices(values['data-dir'], io, {}, (services) => services.deliveries.list(query));
    if (values.json) return writeJson(io, rows), 0;
    if (rows.length === 0) {
      const filtered = Object.entries(query).some(([key, value]) => key !== 'limit' && value !== undefined) || limit === 0;
      return io.stdout.write(filtered ? 'No deliveries match.\n' : 'No deliveries yet.\n'), 0;
    }
    io.stdout.write(table([
      ['ID', 'RECEIVED (UTC)', 'EVENT', 'OUTCOME', 'STATUS', 'SIGNATURE', 'TRY', 'COMMON NAME', 'DELIVERY ID'],
      ...rows.map((r) => [String(r.id), shortTime(r.receivedAt), r.event ?? '-', r.outcome, String(r.status),
        r.signature, String(r.attempt), r.commonName ?? '-', r.deliveryId]),
    ]));
    return 0;
  },
};
