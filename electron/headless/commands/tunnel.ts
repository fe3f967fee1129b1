/** `certbell tunnel check`: the reachability check (SPEC §8) from the command line. */
import { withServices } from '../cli-services.ts';
import { parseOptions, positiveInteger, UsageError, writeJson, type Command } from '../cli-support.ts';

const options = { url: { type: 'string' }, json: { type: 'boolean' }, timeout: { type: 'string' } } as const;

export const tunnelCommand: Command = {
  name: 'tunnel',
  summary: 'Check that the public webhook URL reaches this Certbell (signed test delivery)',
  usage: `certbell tunnel check [--url U] [--timeout MS] [--json] [--data-dir DIR]

  check         Sends a signed test delivery (event certbell.test, delivery id certbell-check-…) to the
                public webhook URL, as the provider would, and reports the status it was answered and
                whether this data directory's listener stored it. Test deliveries run no hooks,
                change no certificate and raise no notification.
  --url U       The URL to check (default: tunnel.publicUrl, else the URL of the tunnel that the
                running Certbell of this data directory supervises)
  --timeout MS  How long to wait for the answer (default 10000)
  --json        Print the result as JSON

Exit 0 when the delivery arrived and was answered 2xx, 1 otherwise (or when there is no URL).`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, options, true);
    const [action, ...rest] = positionals;
    if (action !== 'check') throw new UsageError(action ? `unknown tunnel action "${action}"` : 'expected "check"');
    if (rest.length > 0) throw new UsageError('too many arguments');
    const timeoutMs = positiveInteger(values.timeout, '--timeout');
    if (values.url !== undefined) {
      try { new URL(values.url); } catch { throw new UsageError(`--url is not a URL: ${values.url}`); }
    }
    const result = await withServices(values['data-dir'], io, {}, (services) => services.tunnel.checkOnce(values.url, timeoutMs));
    if (values.json) writeJson(io, result);
    else io.stdout.write(`${result.ok ? 'ok' : 'FAILED'}: ${result.message}\n`);
    return result.ok ? 0 : 1;
  },
};
