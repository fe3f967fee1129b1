/** `certbell serve`: the core in plain Node, headless. Prints the ready line, stops cleanly on signals. */
import { resolve } from 'node:path';
import { createCore, type Core } from '../../core/create-core.ts';
import type { LoadedConfig } from '../../core/config/config-file.ts';
import { resolveDataDir } from '../../core/config/data-dir.ts';
import { setupProblems } from '../../../shared/bridge/attention.ts';
import { streamLogger, type Logger } from '../../core/logger.ts';
import { CommandError, parseOptions, portOption, type Command } from '../cli-support.ts';
import { headlessNotifier } from '../headless-notifier.ts';
import { WebHost } from '../web-host.ts';

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  'ui-port': { type: 'string' },
  'no-ui': { type: 'boolean' },
} as const;

/** The renderer as `npm run build` leaves it. */
const RENDERER_DIR = resolve(import.meta.dirname, '../../../dist/renderer');

function waitForSignal(core: Core, ui: WebHost | null, log: (text: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log(`received ${signal}; finishing in-flight requests`);
      process.off('SIGINT', stop).off('SIGTERM', stop);
      const force = setTimeout(() => { log('shutdown took too long; exiting'); resolve(1); }, 15_000);
      force.unref();
      // The UI goes first: its open event streams must not keep reading a closing store.
      (ui ? ui.close() : Promise.resolve()).then(() => core.stop()).then(() => { clearTimeout(force); log('stopped'); resolve(0); },
        (error: Error) => { clearTimeout(force); log(`shutdown failed: ${error.message}`); resolve(1); });
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

/** The URL to paste into Openprovider, each time it appears or changes (a quick tunnel gets a new one per start). */
function logPublicUrl(core: Core, logger: Logger): void {
  let last: string | null = null;
  const show = (url: string | null) => {
    if (url && url !== last) logger.info(`public webhook URL: ${url}`);
    last = url;
  };
  show(core.tunnel.webhookUrl());
  core.tunnel.onChange((event) => { if (event.kind === 'state') show(event.state.webhookUrl); });
}

/**
 * Issue 22: a server that can verify nothing answers every delivery 401, silently. Said at start,
 * and again whenever a live reload changes it (the last secret removed, or one added).
 */
function signingWarnings(logger: Logger): (loaded: LoadedConfig) => void {
  let last: string | null = null;
  return (loaded) => {
    const problem = setupProblems({ signing: { secrets: loaded.keys.length, allowUnsigned: loaded.config.allowUnsigned } })[0]?.text ?? null;
    if (problem && problem !== last) logger.warn(problem);
    else if (!problem && last) logger.info('a secret is configured now: deliveries are verified again');
    last = problem;
  };
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run headless: webhook listener, store, live config reload',
  usage: `certbell serve [--host H] [--port P] [--ui-port P] [--no-ui] [--data-dir DIR]

  --host H       Listener address (default: listener.host, 127.0.0.1)
  --port P       Listener port; 0 picks a free one (default: listener.port, 7413)
  --ui-port P    Port of the local web UI; 0 picks a free one (default: ui.port, 7414)
  --no-ui        Do not serve the web UI
  --data-dir DIR Data directory (default: CERTBELL_DATA_DIR, else the platform's app-data folder)

When ready, prints one line to stdout:
  certbell ready {"webhook":"<url>","ui":"<url or null>"}
Logs go to stderr; with no secret configured (and allowUnsigned false) a warning says that every
delivery will be rejected. With tunnel.command and tunnel.autoStart the tunnel starts too, and each public
webhook URL it gets is logged ("public webhook URL: ..."); check it with "certbell tunnel check".
SIGINT/SIGTERM finish in-flight requests, stop the tunnel, close the database and exit 0.`,
  async run(args, io) {
    const { values } = parseOptions(args, options);
    const port = portOption(values.port, '--port');
    const uiPort = portOption(values['ui-port'], '--ui-port');
    const logger = streamLogger(io.stderr);
    const notifier = await headlessNotifier(logger, io.env);
    const warnSigning = signingWarnings(logger);
    const core = await createCore({
      dataDir: resolveDataDir(values['data-dir'], io.env), logger, host: values.host, port, notifier, onConfigChange: warnSigning,
    }).catch(async (error: Error) => { await notifier.close(); throw error; });
    warnSigning(core.config());
    let ui: WebHost | null = null;
    if (!values['no-ui']) {
      ui = new WebHost({ api: core.api, logger, staticDir: RENDERER_DIR });
      try {
        await ui.listen(uiPort ?? core.config().config.ui.port);
      } catch (error) {
        await core.stop();
        throw new CommandError((error as Error).message);
      }
    }
    logPublicUrl(core, logger);
    const exit = waitForSignal(core, ui, (text) => logger.info(text));
    io.stdout.write(`certbell ready ${JSON.stringify({ webhook: core.webhookUrl(), ui: ui?.url() ?? null })}\n`);
    logger.info(`listening on ${core.webhookUrl()} (data: ${core.dataDir})`);
    return exit;
  },
};
