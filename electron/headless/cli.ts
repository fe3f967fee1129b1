/** The `certbell` command: dispatch, help, and the exit statuses of SPEC §9 (0 ok, 1 failure, 2 usage). */
import { CommandError, UsageError, type Command, type Io } from './cli-support.ts';

/** Each command's module is loaded only when it runs, so a quick `certbell deliveries` stays quick. */
const LOADERS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  deliveries: async () => (await import('./commands/deliveries.ts')).deliveriesCommand,
  delivery: async () => (await import('./commands/delivery.ts')).deliveryCommand,
  send: async () => (await import('./commands/send.ts')).sendCommand,
  certificates: async () => (await import('./commands/certificates.ts')).certificatesCommand,
  notifications: async () => (await import('./commands/notifications.ts')).notificationsCommand,
  replay: async () => (await import('./commands/replay.ts')).replayCommand,
  hooks: async () => (await import('./commands/hooks.ts')).hooksCommand,
  config: async () => (await import('./commands/config.ts')).configCommand,
  deployment: async () => (await import('./commands/deployment.ts')).deploymentCommand,
  sync: async () => (await import('./commands/sync.ts')).syncCommand,
  tunnel: async () => (await import('./commands/tunnel.ts')).tunnelCommand,
};

/** Errors a user can cause (bad config, port in use, unusable data dir...) carry these names. */
const EXPECTED_ERRORS = new Set(['CommandError', 'ConfigInvalidError', 'DataDirError', 'ListenError', 'ServiceError', 'StoreError']);

async function overview(): Promise<string> {
  const commands = await Promise.all(Object.values(LOADERS).map((load) => load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return `certbell — receive, verify and keep Openprovider SSL Panel webhook deliveries

Usage: certbell [--data-dir DIR] <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Common option: --data-dir DIR (default: CERTBELL_DATA_DIR, else the platform's app-data folder)
Run "certbell <command> --help" for a command's options.
Exit status: 0 success, 1 operational error, 2 usage error.
`;
}

/**
 * The common option may also come before the command (`certbell --data-dir D deliveries`): it is
 * moved behind the command's own arguments, where each command reads it.
 */
function commonOptionsLast(argv: readonly string[]): { name: string | undefined; args: string[] } | null {
  const common: string[] = [];
  let at = 0;
  for (; at < argv.length; at++) {
    if (argv[at].startsWith('--data-dir=')) common.push(argv[at]);
    else if (argv[at] === '--data-dir') {
      if (at + 1 >= argv.length) return null;
      common.push(argv[at], argv[++at]);
    } else break;
  }
  const [name, ...args] = argv.slice(at);
  return { name, args: [...args, ...common] };
}

/** The command `argv` runs (`serve` for `certbell --data-dir D serve`), for the bin's runtime choices. */
export function commandOf(argv: readonly string[]): string | undefined {
  return commonOptionsLast(argv)?.name;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const ordered = commonOptionsLast(argv);
  if (!ordered) {
    io.stderr.write(`certbell: option '--data-dir <value>' argument missing\n\n${await overview()}`);
    return 2;
  }
  const { name: given, args: givenArgs } = ordered;
  // No command is a usage error: the overview goes to stderr, as every usage error's text does.
  if (!given) {
    io.stderr.write(await overview());
    return 2;
  }
  // `certbell help <command>` is `certbell <command> --help`.
  const [name, args] = given === 'help' && givenArgs[0] && !givenArgs[0].startsWith('-')
    ? [givenArgs[0], ['--help']] : [given, givenArgs];
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await overview());
    return 0;
  }
  const load = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  if (!load) {
    io.stderr.write(`certbell: unknown command "${name}"\n\n${await overview()}`);
    return 2;
  }
  const command = await load();
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
