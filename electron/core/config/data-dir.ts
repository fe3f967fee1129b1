/** SPEC §2: where the data directory is, and making sure it exists (mode 0700) and is writable. */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

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

export function ensureDataDirSync(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way' : (error as Error).message;
    throw new DataDirError(`the data directory ${dir} is not usable: ${why}`);
  }
}

export const configFile = (dir: string) => join(dir, 'config.json');
export const databaseFile = (dir: string) => join(dir, 'certbell.db');
