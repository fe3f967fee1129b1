/**
 * The desktop's ScriptLauncher: the hooks-file runner in an Electron utility process. With the
 * runAsNode fuse off, process.execPath (the app) can no longer be started as Node, so the core's
 * default (a Node child) is not an option here; utilityProcess.fork is Electron's own way to run
 * a Node script in a child process.
 */
import { PassThrough, type Readable } from 'node:stream';
import { utilityProcess } from 'electron';
import type { LaunchedProcess, ScriptLauncher } from '../core/hooks/script-launcher.ts';

/**
 * Electron drops every listener from a utility process's stdout and stderr when it reports the
 * exit, though the pipe may still hold the end of the output (the runner's last stderr line says
 * why a run failed). So the output is read into streams of our own, and read on after the exit.
 */
function keptOutput(source: NodeJS.ReadableStream | null): { stream: Readable; reattach(): void } {
  const stream = new PassThrough();
  if (!source) {
    stream.end();
    return { stream, reattach: () => undefined };
  }
  const attach = () => {
    source.on('data', (chunk: Buffer) => stream.write(chunk));
    source.once('end', () => stream.end());
  };
  attach();
  // Called during the exit event; Electron removes the listeners right after it, before any more I/O.
  return { stream, reattach: () => queueMicrotask(attach) };
}

export function utilityProcessLauncher(): ScriptLauncher {
  return {
    launch(spec): LaunchedProcess {
      // stdin cannot be piped to a utility process: the input goes as its first message instead.
      const child = utilityProcess.fork(spec.script, spec.args, { stdio: 'pipe', env: spec.env, cwd: spec.cwd,
        serviceName: spec.serviceName });
      child.postMessage(spec.input);
      const stdout = keptOutput(child.stdout);
      const stderr = keptOutput(child.stderr);
      let killed = false;
      let exited = false;
      // child.kill() is SIGTERM, which a hooks file could catch; the hook's deadline must hold.
      const sigkill = () => {
        const pid = child.pid;
        if (pid === undefined || exited) return;
        try { process.kill(pid, 'SIGKILL'); } catch { child.kill(); }
      };
      // A kill asked for before the process had a pid is carried out as soon as it has one.
      child.once('spawn', () => { if (killed) sigkill(); });
      const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
      child.once('exit', (code) => {
        exited = true;
        stdout.reattach();
        stderr.reattach();
        // Electron reports only a code (a signal's number); a run we ended is recorded as a Node child's would be.
        for (const listener of exitListeners) listener(killed ? null : code, killed ? 'SIGKILL' : null);
      });
      return {
        stdout: stdout.stream,
        stderr: stderr.stream,
        onExit: (listener) => { exitListeners.push(listener); },
        // Electron reports a process that could not start as an exit with a code, never as an error.
        onError: () => undefined,
        kill: () => {
          if (exited) return;
          killed = true;
          sigkill();
        },
      };
    },
  };
}
