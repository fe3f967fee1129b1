/** `certbell delivery <id>`: one stored record, as text, JSON, or its exact body bytes. */
import { withServices } from '../cli-services.ts';
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
    const output = await withServices(values['data-dir'], io, {}, (services) => {
      if (!values.raw) return services.deliveries.find(positionals[0]);
      const { detail, body } = services.deliveries.rawBytes(positionals[0]);
      if (!body) throw new CommandError(`delivery ${detail.id} has no stored body (${detail.error ?? 'not kept'})`);
      return body;
    });
    if (Buffer.isBuffer(output)) io.stdout.write(output);
    else if (values.json) writeJson(io, output);
    else io.stdout.write(deliveryText(output));
    return 0;
  },
};
