/**
 * Small JSON files in the data directory through which a running Certbell tells other processes
 * (the CLI) where it is: the listener's URL (`listener.json`), the tunnel's (`tunnel.json`). Each
 * names the process that wrote it, so a file left behind by a crashed run is ignored.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Written whole (temp file, then rename), readable by the owner only. */
export function writeRuntimeFileSync(dataDir: string, name: string, value: object): void {
  const file = join(dataDir, name);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ pid: process.pid, ...value, updatedAt: new Date().toISOString() })}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function removeRuntimeFileSync(dataDir: string, name: string): void {
  rmSync(join(dataDir, name), { force: true });
}

/** What a running Certbell wrote, or null (no file, unreadable, or its writer is gone). */
export function readRuntimeFileSync<T extends { pid: number }>(dataDir: string, name: string): T | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, name), 'utf8')) as T;
    return typeof value.pid === 'number' && alive(value.pid) ? value : null;
  } catch {
    return null;
  }
}
