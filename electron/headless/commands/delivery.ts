/** `certbell delivery <id>`: one stored record, as text, JSON, or its exact body bytes. */
import { openStoreForReading } from '../open-store.ts';
import { deliveryText } from '../delivery-text.ts';
import { CommandError, parseOptions, UsageError, writeJson, type Command } from '../cli-support.ts';

const options = { json: { type: 'boolean' }, raw: { type: 'boolean' } } as const;

export const deliveryCommand: Command = {
  name: 'delivery',
  summary: 'Show one delivery (by record id or delivery id)',
  usage: `certbell delivery <id or deliveryId> [--json | --raw] [--data-dir DIR]

  <id>          A record id from \`certbell deliveries\`, or a provider delivery id
                (then its latest attempt is shown)
  --json        One JSON object: the list fields plus headers, body, signatureDetail,
                hookRuns, attempts, and more
  --raw         Write the exact body bytes as received, nothing else`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, options, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one delivery id');
    if (values.json && values.raw) throw new UsageError('--json and --raw cannot be combined');
    const opened = openStoreForReading(values['data-dir'], io);
    try {
      const detail = opened.store?.reads.find(positionals[0]);
      if (!detail) throw new CommandError(`no delivery "${positionals[0]}"`);
      if (values.raw) {
        const body = opened.store!.reads.rawBody(detail.id);
        if (!body) throw new CommandError(`delivery ${detail.id} has no stored body (${detail.error ?? 'not kept'})`);
        io.stdout.write(body);
      } else if (values.json) writeJson(io, detail);
      else io.stdout.write(deliveryText(detail));
      return 0;
    } finally {
      opened.close();
    }
  },
};
