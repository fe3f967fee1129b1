/** Shared plumbing of the `certbell` commands: option parsing, usage errors, output. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}
/** An operational failure: message on stderr, exit 1. */
export class CommandError extends Error {}

export interface Io {
  stdout: { write(text: string | Uint8Array): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

const DATA_DIR_OPTION = { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** parseArgs, strict, with its errors turned into usage errors. */
export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals = false) {
  const config = { args, options: { ...DATA_DIR_OPTION, ...options }, allowPositionals, strict: true } as const;
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a non-negative whole number, got "${value}"`);
  return Number(value);
}

export function portOption(value: string | undefined, name: string): number | undefined {
  const port = positiveInteger(value, name);
  if (port !== undefined && port > 65535) throw new UsageError(`${name} must be between 0 and 65535`);
  return port;
}

export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ').trimEnd())
    .join('\n') + '\n';
}
