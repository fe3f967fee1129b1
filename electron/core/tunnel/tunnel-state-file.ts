/** `DIR/tunnel.json`: the running Certbell's tunnel URL for `certbell tunnel check`, which runs in another process. */
import type { TunnelState } from '../../../shared/bridge/types.ts';
import type { Logger } from '../logger.ts';
import type { TunnelListener } from './tunnel-service.ts';
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

/** Keeps tunnel.json up to date with the tunnel's phase and URL, written only when either changes. */
export function publishTunnelState(dataDir: string, onChange: (listener: TunnelListener) => () => void, logger: Logger): () => void {
  let lastWritten = '';
  return onChange((event) => {
    if (event.kind !== 'state') return;
    const key = `${event.state.phase} ${event.state.webhookUrl}`;
    if (key === lastWritten) return;
    lastWritten = key;
    try { writeTunnelStateSync(dataDir, event.state); } catch (error) { logger.warn(`tunnel: cannot write tunnel.json: ${(error as Error).message}`); }
  });
}
