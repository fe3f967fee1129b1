/**
 * The V8 flags `certbell serve` runs with, and getting them: V8 reads them only at startup, so
 * the bin re-executes itself once with them (process.execve: the same PID, stdio and
 * environment, nothing left running in between). Where execve does not exist (Windows) serve
 * runs as started.
 *
 * --no-concurrent-recompilation: TurboFan compiles on the main thread instead of four helper
 * threads. Each helper's malloc arena kept what its compile jobs had used: after 100,000
 * deliveries 31–37 MB of RSS sat in those arenas, 10 MB with the flag, with the same throughput
 * (optimizing happens in the first seconds; docs/decisions.md, *Memory of certbell serve*).
 */
export const SERVE_V8_FLAGS = ['--no-concurrent-recompilation'] as const;

export interface Reexec {
  execPath: string;
  execArgv: string[];
  argv: string[];
  env: NodeJS.ProcessEnv;
  execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never;
}

/** The command line with SERVE_V8_FLAGS, or null when they are all there already (or serve cannot re-execute). */
export function serveCommandLine(self: Reexec): string[] | null {
  const missing = SERVE_V8_FLAGS.filter((flag) => !self.execArgv.includes(flag));
  if (missing.length === 0 || typeof self.execve !== 'function') return null;
  return [self.execPath, ...missing, ...self.execArgv, ...self.argv.slice(1)];
}

/** Re-executes with SERVE_V8_FLAGS when they are missing; returns only when it does not. */
export function reexecWithServeFlags(self: Reexec): void {
  const args = serveCommandLine(self);
  if (args) self.execve!(self.execPath, args, self.env);
}
