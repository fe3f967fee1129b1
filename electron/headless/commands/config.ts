/** `certbell config check` and `certbell config schema`. */
import { configJsonSchema, formatConfigErrors } from '../../../shared/config/index.ts';
import { loadConfigFileSync } from '../../core/config/config-file.ts';
import { configFile, resolveDataDir } from '../../core/config/data-dir.ts';
import { parseOptions, UsageError, writeJson, type Command } from '../cli-support.ts';

export const configCommand: Command = {
  name: 'config',
  summary: 'Validate config.json (check) or print its JSON Schema (schema)',
  usage: `certbell config check [--json] [--data-dir DIR]
certbell config schema

  check    Validates DIR/config.json; every error with its JSON path; exit 1 when invalid
           (--json: {"ok": bool, "file": ..., "errors": [{path, message}], "warnings": [...]})
  schema   Prints the JSON Schema of config.json (point "$schema" at it for editor completion)`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } }, true);
    const [action, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (action === 'schema') return writeJson(io, configJsonSchema()), 0;
    if (action !== 'check') throw new UsageError(action ? `unknown config action "${action}"` : 'expected "check" or "schema"');
    const file = configFile(resolveDataDir(values['data-dir'], io.env));
    const result = loadConfigFileSync(file, { env: io.env });
    if (values.json) {
      writeJson(io, result.ok ? { ok: true, file, errors: [], warnings: result.warnings }
        : { ok: false, file, errors: result.errors, warnings: [] });
      return result.ok ? 0 : 1;
    }
    if (!result.ok) {
      io.stderr.write(`${file} is invalid:\n${formatConfigErrors(result.errors)}\n`);
      return 1;
    }
    for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
    io.stdout.write(`${file}: OK\n`);
    return 0;
  },
};
