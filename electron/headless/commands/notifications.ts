/** `certbell notifications`: the notification history (SPEC §7), newest first. */
import { withServices } from '../cli-services.ts';
import { parseOptions, positiveInteger, table, writeJson, type Command } from '../cli-support.ts';
import { PAUSE_USAGE, runPauseAction } from './notifications-pause.ts';

export const notificationsCommand: Command = {
  name: 'notifications',
  summary: 'Show the notification history, shown or suppressed; pause and resume notifications',
  usage: `certbell notifications [--json] [--limit N] [--data-dir DIR]

  --json      One JSON array: {id, kind, title, body, certificateId, deliveryId, createdAt, shown,
              reason (why not shown: disabled, kind-off, paused, quiet-hours, no-notifier), urgency}
  --limit N   At most N entries (default 50)

${PAUSE_USAGE}`,
  async run(args, io) {
    if (args[0] === 'pause' || args[0] === 'resume') return runPauseAction(args, io);
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
