/**
 * Where the Electron binary is, without `require('electron')`: that call starts a download when
 * the binary is missing, which on a machine without network access hangs and then throws.
 * Mirrors node_modules/electron/index.js (path.txt, ELECTRON_OVERRIDE_DIST_PATH).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ElectronRuntime = { ok: true; path: string } | { ok: false; reason: string };

export function findElectronRuntime(root = fileURLToPath(new URL('..', import.meta.url)), env = process.env): ElectronRuntime {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  const pathFile = join(pkg, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(path) ? { ok: true, path } : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${path})` };
  }
  if (!executable) return { ok: false, reason: 'the Electron binary was never downloaded (its install step did not run, or had no network)' };
  const path = join(pkg, 'dist', executable);
  return existsSync(path) ? { ok: true, path } : { ok: false, reason: `the Electron binary is missing (${path})` };
}
