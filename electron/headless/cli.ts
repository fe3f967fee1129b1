/** The `certbell` command: dispatch, help, and the exit statuses of SPEC §9 (0 ok, 1 failure, 2 usage). */
import { CommandError, UsageError, type Command, type Io } from './cli-support.ts';
import { configCommand } from './commands/config.ts';
import { deliveriesCommand } from './commands/deliveries.ts';
import { deliveryCommand } from './commands/delivery.ts';
import { sendCommand } from './commands/send.ts';
import { serveCommand } from './commands/serve.ts';

const COMMANDS: readonly Command[] = [serveCommand, deliveriesCommand, deliveryCommand, sendCommand, configCommand];

/** Errors a user can cause (bad config, port in use, unusable data dir...) carry these names. */
const EXPECTED_ERRORS = new Set(['CommandError', 'ConfigInvalidError', 'DataDirError', 'ListenError', 'StoreError']);

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `certbell — receive, verify and keep Openprovider SSL Panel webhook deliveries

Usage: certbell <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Common option: --data-dir DIR (default: CERTBELL_DATA_DIR, else the platform's app-data folder)
Run "certbell <command> --help" for a command's options.
Exit status: 0 success, 1 operational error, 2 usage error.
`;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`certbell: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`certbell ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    const err = error as Error;
    if (error instanceof CommandError || EXPECTED_ERRORS.has(err.constructor.name)) {
      io.stderr.write(`certbell ${name}: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`certbell ${name}: unexpected error: ${err.stack ?? err.message}\n`);
    return 1;
  }
}
