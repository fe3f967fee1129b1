/** `DIR/tunnel.json`: the running Certbell's tunnel URL for `certbell tunnel check`, which runs in another process. */
import type { TunnelState } from '../../../shared/bridge/types.ts';
import { readRuntimeFileSync, removeRuntimeFileSync, writeRuntimeFileSync } from '../config/runtime-file.ts';

const NAME = 'tunnel.json';

export interface TunnelStateFile {
  pid: number;
  phase: TunnelState['phase'];
  webhookUrl: string | null;
  updatedAt: string;
}

export function writeTunnelStateSync(dataDir: string, state: TunnelState): void {
  writeRuntimeFileSync(dataDir, NAME, { phase: state.phase, webhookUrl: state.webhookUrl });
}

export function removeTunnelStateSync(dataDir: string): void {
  removeRuntimeFileSync(dataDir, NAME);
}

/** The state a running Certbell wrote, or null (none, unreadable, or its writer is gone). */
export function readTunnelStateSync(dataDir: string): TunnelStateFile | null {
  return readRuntimeFileSync<TunnelStateFile>(dataDir, NAME);
}
