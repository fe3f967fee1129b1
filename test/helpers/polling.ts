/** Waiting on real processes: whether a PID still runs, and polling until a probe yields a value. */
import { readFileSync } from 'node:fs';

/**
 * Whether a process still runs. A zombie counts as gone: it has exited and only waits for its
 * parent to reap it (orphans are reparented to PID 1, which on some machines never reaps).
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves with the probe's first truthy value (a probe may be async); fails naming `what` after `timeoutMs`. */
type Probed<T> = T | undefined | null | false;

export async function until<T>(what: string, probe: () => Probed<T> | Promise<Probed<T>>, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
