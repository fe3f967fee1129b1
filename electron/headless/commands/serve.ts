/** `certbell serve`: the core in plain Node, headless. Prints the ready line, stops cleanly on signals. */
import { createCore, type Core } from '../../core/create-core.ts';
import { resolveDataDir } from '../../core/config/data-dir.ts';
import { streamLogger, type Logger } from '../../core/logger.ts';
import { NullNotifier, type Notifier } from '../../core/notifications/notifier.ts';
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

/** Native notifications through D-Bus on Linux; elsewhere, or without a session bus, history only. */
async function headlessNotifier(logger: Logger, env: NodeJS.ProcessEnv): Promise<Notifier> {
  if (process.platform !== 'linux') {
    logger.warn('notifications: native notifications need the desktop app on this platform; recording history only');
    return new NullNotifier();
  }
  try {
    const { connectDbusNotifier } = await import('../dbus-notifier.ts');
    const notifier = await connectDbusNotifier({ address: env.DBUS_SESSION_BUS_ADDRESS, logger });
    notifier.onClick((n) => logger.info(`notification clicked: ${n.title}`
      + `${n.deliveryId ? ` (delivery ${n.deliveryId})` : ''}${n.certificateId ? ` (certificate ${n.certificateId})` : ''}`));
    return notifier;
  } catch (error) {
    logger.warn(`notifications: no desktop notifications (${(error as Error).message}); recording history only`);
    return new NullNotifier();
  }
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
    const notifier = await headlessNotifier(logger, io.env);
    const core = await createCore({
      dataDir: resolveDataDir(values['data-dir'], io.env), logger, host: values.host, port, notifier,
    }).catch(async (error: Error) => { await notifier.close(); throw error; });
    const exit = waitForSignal(core, (text) => logger.info(text));
    // The web UI arrives with the UI issue; until then the ready line says so with "ui": null.
    io.stdout.write(`certbell ready ${JSON.stringify({ webhook: core.webhookUrl(), ui: null })}\n`);
    logger.info(`listening on ${core.webhookUrl()} (data: ${core.dataDir})`);
    return exit;
  },
};
