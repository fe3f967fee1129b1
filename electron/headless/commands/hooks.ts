/** `certbell hooks list` and `certbell hooks test <name> --delivery <id>`. */
import { describeFailure, hookFailed, type HookEntry } from '../../core/hooks/hook-types.ts';
import { withServices } from '../cli-services.ts';
import { parseOptions, table, UsageError, writeJson, type Command } from '../cli-support.ts';
import { hookRunText } from '../hook-run-text.ts';

const options = { delivery: { type: 'string' }, json: { type: 'boolean' } } as const;

function describeSpec(spec: HookEntry): string {
  // Which methods the class has is known only by running the module: a missing one is skipped.
  return spec.kind === 'command' ? JSON.stringify(spec.command) : `${spec.file} ${spec.method}(), if the class has it`;
}

export const hooksCommand: Command = {
  name: 'hooks',
  summary: 'List the configured hooks, or test-run one against a stored delivery',
  usage: `certbell hooks list [--json] [--data-dir DIR]
certbell hooks test <name> --delivery <id> [--json] [--data-dir DIR]

  list     The hooks in force (config "hooks", then the hooksFile's methods as hooksFile.preHook,
           hooksFile.successHook, hooksFile.postHook — each runs if the class has it), with
           stage, events and command
  test     Runs one hook against a stored delivery, exactly as the pipeline would (same input,
           environment and timeout), and prints its run record. The run is not stored.
           Exit 0 when the hook succeeded, 1 when it failed.
  --json   Print JSON`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, options, true);
    const [action, name, ...rest] = positionals;
    if (action !== 'list' && action !== 'test') throw new UsageError(action ? `unknown hooks action "${action}"` : 'expected "list" or "test"');
    if (rest.length > 0 || (action === 'list' && name)) throw new UsageError('too many arguments');
    if (action === 'test' && (!name || !values.delivery)) throw new UsageError('hooks test needs a hook name and --delivery <id>');
    if (action === 'list') {
      const specs = await withServices(values['data-dir'], io, {}, (services) => services.hooks.list());
      if (values.json) return writeJson(io, specs), 0;
      if (specs.length === 0) return io.stdout.write('No hooks configured.\n'), 0;
      io.stdout.write(table([['NAME', 'STAGE', 'EVENTS', 'RUNS'],
        ...specs.map((s) => [s.name, s.stage, s.events.join(','), describeSpec(s)])]));
      return 0;
    }
    const run = await withServices(values['data-dir'], io, {}, (services) => services.hooks.test(name, values.delivery!));
    const { runId: _runId, ...record } = run;
    if (values.json) writeJson(io, record);
    else io.stdout.write(hookRunText(record));
    if (!hookFailed(record)) return 0;
    // The run record is the output either way; the failure is also said where errors go.
    io.stderr.write(`certbell hooks: hook ${describeFailure(record)}\n`);
    return 1;
  },
};
