/**
 * `DIR/tunnel.json`: the running Certbell's tunnel URL for `certbell tunnel check`, which runs in
 * another process. It names the writing process, so a file left by a crashed run is ignored.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TunnelState } from '../../../shared/bridge/types.ts';

export interface TunnelStateFile {
  pid: number;
  phase: TunnelState['phase'];
  webhookUrl: string | null;
  updatedAt: string;
}

export function tunnelStateFile(dataDir: string): string {
  return join(dataDir, 'tunnel.json');
}

export function writeTunnelStateSync(dataDir: string, state: TunnelState): void {
  const file = tunnelStateFile(dataDir);
  const value: TunnelStateFile = { pid: process.pid, phase: state.phase, webhookUrl: state.webhookUrl, updatedAt: new Date().toISOString() };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function removeTunnelStateSync(dataDir: string): void {
  rmSync(tunnelStateFile(dataDir), { force: true });
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** The state a running Certbell wrote, or null (none, unreadable, or its writer is gone). */
export function readTunnelStateSync(dataDir: string): TunnelStateFile | null {
  try {
    const value = JSON.parse(readFileSync(tunnelStateFile(dataDir), 'utf8')) as TunnelStateFile;
    return typeof value.pid === 'number' && alive(value.pid) ? value : null;
  } catch {
    return null;
  }
}
