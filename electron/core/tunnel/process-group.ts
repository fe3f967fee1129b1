/** Spawning a tunnel in its own process group, and signalling that whole group (its helpers too). */
import { spawn, type ChildProcess } from 'node:child_process';

export type TunnelSpawner = (file: string, args: string[]) => ChildProcess;

/** No shell, no stdin, own process group: stopping the tunnel reaches everything it started. */
export const spawnTunnel: TunnelSpawner = (file, args) =>
  spawn(file, args, { detached: true, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });

export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch { /* already gone */ }
}
