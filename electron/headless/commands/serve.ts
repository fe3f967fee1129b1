/** `certbell serve`: the core in plain Node, headless. Prints the ready line, stops cleanly on signals. */
import { createCore, type Core } from '../../core/create-core.ts';
import { resolveDataDir } from '../../core/config/data-dir.ts';
import { streamLogger } from '../../core/logger.ts';
import { parseOptions, portOption, type Command } from '../cli-support.ts';

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  'ui-port': { type: 'string' },
  'no-ui': { type: 'boolean' },
} as const;

function waitForSignal(core: Core, log: (text: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log(`received ${signal}; finishing in-flight requests`);
      process.off('SIGINT', stop).off('SIGTERM', stop);
      const force = setTimeout(() => { log('shutdown took too long; exiting'); resolve(1); }, 15_000);
      force.unref();
      core.stop().then(() => { clearTimeout(force); log('stopped'); resolve(0); },
        (error: Error) => { clearTimeout(force); log(`shutdown failed: ${error.message}`); resolve(1); });
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
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
Logs go to stderr. SIGINT/SIGTERM finish in-flight requests, close the database and exit 0.`,
  async run(args, io) {
    const { values } = parseOptions(args, options);
    const port = portOption(values.port, '--port');
    portOption(values['ui-port'], '--ui-port');
    const logger = streamLogger(io.stderr);
    const core = await createCore({
      dataDir: resolveDataDir(values['data-dir'], io.env), logger, host: values.host, port,
    });
    const exit = waitForSignal(core, (text) => logger.info(text));
    // The web UI arrives with the UI issue; until then the ready line says so with "ui": null.
    io.stdout.write(`certbell ready ${JSON.stringify({ webhook: core.webhookUrl(), ui: null })}\n`);
    logger.info(`listening on ${core.webhookUrl()} (data: ${core.dataDir})`);
    return exit;
  },
};
