/** `certbell send`: a delivery signed like the provider's, to a listener (local or through a tunnel). */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EVENT_NAMES, summarizeBody } from '../../../shared/openprovider/index.ts';
import { suggestEvents } from '../../../shared/openprovider/events.ts';
import { firstSecret, loadConfigFileSync } from '../../core/config/config-file.ts';
import { configFile, resolveDataDir } from '../../core/config/data-dir.ts';
import { providerHeaders, sampleBody, signBytes, type SignWhat } from '../../core/signature/sign.ts';
import { CommandError, parseOptions, UsageError, type Command, type Io } from '../cli-support.ts';
import { postBytes } from '../../core/http-post.ts';
import { readListenerFileSync } from '../../core/listener/listener-file.ts';
import { urlHost } from '../../core/listener/listener-binding.ts';

const options = {
  url: { type: 'string' },
  secret: { type: 'string' },
  event: { type: 'string' },
  file: { type: 'string' },
  'delivery-id': { type: 'string' },
  'common-name': { type: 'string' },
  sign: { type: 'string' },
  unsigned: { type: 'boolean' },
} as const;

/**
 * The local listener's URL and first usable secret, for when --url / --secret are left out: the
 * URL of the `certbell serve` running on this data directory, else the one config.json describes.
 */
function localDefaults(dataDir: string, io: Io): { url: string | null; secret: string | null; configErrors: number } {
  const running = readListenerFileSync(dataDir)?.webhookUrl ?? null;
  const loaded = loadConfigFileSync(configFile(dataDir), { env: io.env });
  if (!loaded.ok) return { url: running, secret: null, configErrors: loaded.errors.length };
  const { listener } = loaded.config;
  return { url: running ?? `http://${urlHost(listener.host)}:${listener.port}${listener.path}`, secret: firstSecret(loaded), configErrors: 0 };
}

/** What left out --url or --secret cannot be taken from: a config.json with errors is not guessed at. */
function invalidConfig(dataDir: string, count: number, missing: string): CommandError {
  return new CommandError(`${configFile(dataDir)} has ${count === 1 ? 'an error' : `${count} errors`} `
    + `(see \`certbell config check\`), so it gives no ${missing}; fix it or pass ${missing}`);
}

/** A name close to a known event (`issued`) is a slip, not a test ping: say what was meant instead of sending it. */
function checkEventName(event: string | undefined): void {
  const meant = event === undefined ? [] : suggestEvents(event);
  if (meant.length === 0) return;
  const options = meant.length === 1 ? meant[0] : `${meant.slice(0, -1).join(', ')} or ${meant.at(-1)}`;
  throw new UsageError(`unknown event "${event}"; did you mean ${options}?`);
}

function readFileBody(path: string): Buffer {
  try { return readFileSync(path); } catch (error) { throw new CommandError(`cannot read ${path}: ${(error as Error).message}`); }
}

export const sendCommand: Command = {
  name: 'send',
  summary: 'Send a signed test delivery (built-in sample per event, or a file)',
  usage: `certbell send [--url U] [--secret S] [--event E] [--file F] [--delivery-id ID]
              [--common-name CN] [--sign data|body] [--unsigned] [--data-dir DIR]

  --url U          Webhook URL (default: this data directory's local listener)
  --secret S       HMAC secret (default: the first secret in this data directory's config)
  --event E        Event name (default ssl_panel.issued). Built-in samples exist for:
                   ${EVENT_NAMES.join('\n                   ')}
                   Any other name (e.g. ping) sends a minimal test-ping body; one close to
                   a known name (issued, renew-failed) is refused with a suggestion.
  --file F         Send F's bytes exactly, instead of a sample
  --delivery-id ID Delivery id (default: a new UUID; with --file: the file's metadata.delivery)
  --common-name CN Common name in the sample (default example.com)
  --sign data|body What the HMAC covers: the "data" value, as the provider's example does
                   (default), or the whole body
  --unsigned       Send no Signature header

Prints the response status and body; exits 0 on a 2xx answer, 1 otherwise.`,
  async run(args, io) {
    const { values } = parseOptions(args, options);
    const sign = (values.sign ?? 'data') as SignWhat;
    if (sign !== 'data' && sign !== 'body') throw new UsageError('--sign must be "data" or "body"');
    if (values.file && values['common-name']) throw new UsageError('--common-name applies to built-in samples, not --file');
    checkEventName(values.event);
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const defaults = localDefaults(dataDir, io);
    const urlText = values.url ?? defaults.url;
    if (!urlText) throw invalidConfig(dataDir, defaults.configErrors, '--url');
    let url: URL;
    try { url = new URL(urlText); } catch { throw new UsageError(`--url is not a URL: ${urlText}`); }
    if (!values.unsigned && values.secret === undefined && defaults.configErrors > 0) throw invalidConfig(dataDir, defaults.configErrors, '--secret');
    const secret = values.unsigned ? null : values.secret ?? defaults.secret;
    if (secret === null && !values.unsigned) io.stderr.write('certbell: no secret given or configured; sending unsigned\n');

    let body: Buffer;
    let signature: string | null;
    const fileBody = values.file ? readFileBody(values.file) : null;
    let summary = { deliveryId: null as string | null, event: null as string | null, entityId: null as string | null };
    if (fileBody) {
      body = fileBody;
      try { summary = summarizeBody(JSON.parse(body.toString('utf8'))); } catch { /* sent as it is */ }
      signature = secret === null ? null : signBytes(body, secret, sign).signature;
    } else {
      ({ body, signature } = sampleBody(values.event ?? 'ssl_panel.issued', values['delivery-id'] ?? randomUUID(),
        values['common-name'], secret, sign));
      summary = summarizeBody(JSON.parse(body.toString('utf8')));
    }
    const headers = providerHeaders({
      agent: 'Tribuo/1.0 (certbell send)', deliveryId: values['delivery-id'] ?? summary.deliveryId ?? randomUUID(),
      event: values.event ?? summary.event, entityId: summary.entityId, signature,
    });

    let result;
    try {
      result = await postBytes(url, headers, body);
    } catch (error) {
      throw new CommandError(`cannot reach ${url.href}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    io.stdout.write(`HTTP ${result.status} ${result.statusText}\n${result.body}\n`);
    return result.status >= 200 && result.status < 300 ? 0 : 1;
  },
};
