/** SPEC §2: where the data directory is, and making sure it exists (mode 0700) and is writable. */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export class DataDirError extends Error {}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Certbell');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Certbell');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Certbell');
}

/** `--data-dir`, else CERTBELL_DATA_DIR, else the platform's app-data folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag || env.CERTBELL_DATA_DIR || defaultDataDir(env));
}

/**
 * Creates `dir` and its missing parents (mode 0700), one level at a time: Node's recursive
 * mkdir never returns on some paths (under /proc it retries ENOENT forever).
 */
function makeDirsSync(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (error) {
      // Made meanwhile by another process is fine; anything else in the way is not.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw error;
    }
  }
}

export function ensureDataDirSync(dir: string): void {
  try {
    makeDirsSync(dir);
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way'
        : code === 'ENOENT' ? 'it cannot be created there' : (error as Error).message;
    throw new DataDirError(`the data directory ${dir} is not usable: ${why}`);
  }
}

/**
 * For commands that only read: a missing data directory has nothing in it yet (and is not
 * created), but a file in its place or one this user cannot enter is an error, not "no deliveries".
 */
export function checkReadableDataDirSync(dir: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return;
  let why: string | null = stat.isDirectory() ? null : 'a file is in the way';
  if (!why) {
    try { accessSync(dir, constants.R_OK | constants.X_OK); } catch { why = 'permission denied'; }
  }
  if (why) throw new DataDirError(`the data directory ${dir} is not usable: ${why}`);
}

export const configFile = (dir: string) => join(dir, 'config.json');
export const databaseFile = (dir: string) => join(dir, 'certbell.db');
