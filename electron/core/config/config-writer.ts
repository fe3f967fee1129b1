/**
 * Writing `config.json` for the UI: the new file is written beside the old one (mode 0600, since
 * it may hold secret values), checked exactly as a running server will load it, and only then
 * renamed over config.json, so a reader or the live reload never sees half a file or an invalid one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ConfigError } from '../../../shared/config/index.ts';
import { loadConfigFileSync, readConfigTextSync, type LoadOptions, type LoadResult } from './config-file.ts';

export type RawConfigResult = { ok: true; value: Record<string, unknown> } | { ok: false; errors: ConfigError[] };

/** config.json as written (no defaults filled in, secrets as stored); a missing file is `{}`. */
export function readRawConfigSync(file: string): RawConfigResult {
  const read = readConfigTextSync(file);
  if (!read.ok) return read;
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    return { ok: false, errors: [{ path: '$', message: `config.json is not valid JSON (${(error as Error).message}); fix it by hand first` }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: [{ path: '$', message: 'config.json is not a JSON object; fix it by hand first' }] };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function writeFileDurablySync(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `file` with `value` if it loads (schema, secrets resolvable with `options`, hooks file
 * readable); otherwise leaves `file` untouched and returns the errors.
 */
export function writeConfigFileSync(file: string, value: Record<string, unknown>, options: LoadOptions = {}): LoadResult {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileDurablySync(temp, `${JSON.stringify(value, null, 2)}\n`);
    const loaded = loadConfigFileSync(temp, options);
    if (loaded.ok) renameSync(temp, file);
    return loaded;
  } catch (error) {
    return { ok: false, errors: [{ path: '$', message: `cannot write ${file}: ${(error as Error).message}` }] };
  } finally {
    rmSync(temp, { force: true });
  }
}
