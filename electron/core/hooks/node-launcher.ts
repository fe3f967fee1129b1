/**
 * Hook processes as plain Node children: a command hook's program, or (the default launcher) the
 * hooks-file runner under process.execPath, which is Node in `certbell serve` and in the tests.
 * Each gets its own process group, so a kill reaches whatever it started.
 */
import { spawn } from 'node:child_process';
import type { LaunchedProcess, ScriptLauncher } from './script-launcher.ts';

export interface SpawnSpec {
  cwd: string;
  env: Record<string, string>;
  input: Buffer | string;
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch { /* already gone */ }
}

/** No shell, its own process group, `input` on stdin. Throws at once on a NUL in an argument or the environment, E2BIG, EAGAIN. */
export function spawnInGroup(file: string, args: string[], spec: SpawnSpec): LaunchedProcess {
  const child = spawn(file, args, { cwd: spec.cwd, env: spec.env, detached: true, shell: false, windowsHide: true });
  child.stdin.on('error', () => { /* the hook need not read its input */ });
  child.stdin.end(spec.input);
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    onExit: (listener) => { child.once('exit', (code, signal) => listener(code, signal)); },
    onError: (listener) => { child.on('error', listener); },
    kill: () => killGroup(child.pid),
  };
}

/** The hooks-file runner as a Node child of this process's own Node. Not for the desktop app (its execPath is Electron). */
export const nodeScriptLauncher: ScriptLauncher = {
  launch: (spec) => spawnInGroup(process.execPath, [spec.script, ...spec.args], spec),
};
