/** Errors of the shared config schema, looked up by the JSON path of the field they belong to. */
import type { ConfigError } from '../../../shared/config/index.ts';

/** The messages reported exactly at `path` (`hooks[0].command`). */
export function errorsAt(errors: readonly ConfigError[], path: string): string[] {
  return errors.filter((e) => e.path === path).map((e) => e.message);
}

/** The messages at `path` or below it (`hooks[0]` covers `hooks[0].command[1]`). */
export function errorsUnder(errors: readonly ConfigError[], path: string): ConfigError[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
}
