/** `certbell notifications`: the notification history (SPEC §7), newest first. */
import { withServices } from '../cli-services.ts';
import { parseOptions, positiveInteger, table, writeJson, type Command } from '../cli-support.ts';

export const notificationsCommand: Command = {
  name: 'notifications',
  summary: 'Show the notification history, shown or suppressed',
  usage: `certbell notifications [--json] [--limit N] [--data-dir DIR]

  --json      One JSON array: {id, kind, title, body, certificateId, deliveryId, createdAt, shown,
              reason (why not shown: disabled, kind-off, quiet-hours, no-notifier), urgency}
  --limit N   At most N entries (default 50)`,
  async run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' }, limit: { type: 'string' } });
    const limit = positiveInteger(values.limit, '--limit') ?? 50;
    const rows = await withServices(values['data-dir'], io, {}, (services) => services.notifications.list(limit));
    if (values.json) return writeJson(io, rows), 0;
    if (rows.length === 0) return io.stdout.write('No notifications yet.\n'), 0;
    io.stdout.write(table([['ID', 'TIME (UTC)', 'KIND', 'SHOWN', 'TITLE', 'BODY'],
      ...rows.map((n) => [String(n.id), n.createdAt.replace('T', ' ').slice(0, 19), n.kind,
        n.shown ? 'yes' : `no (${n.reason})`, n.title, n.body.split('\n')[0]])]));
    return 0;
  },
};
