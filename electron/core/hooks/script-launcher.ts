/**
 * How a hook's process is started and seen by the runner: two output streams, one end, one kill.
 * The hooks-file runner is a Node script; who runs it depends on the face. `certbell serve` (and
 * the tests) fork it as a Node child of process.execPath; the desktop app cannot (with the
 * runAsNode fuse off its binary no longer turns into Node), so it injects a launcher that forks an
 * Electron utility process. The core never imports `electron`: it only sees this interface.
 */
import type { Readable } from 'node:stream';

/** A started process as the hook runner supervises it. */
export interface LaunchedProcess {
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Once, when it ended: its exit code, or the signal that ended it. Its output may still be arriving. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Once, when it could not be started at all (ENOENT, EACCES, …); no exit is reported then. */
  onError(listener: (error: NodeJS.ErrnoException) => void): void;
  /** Ends it at once (SIGKILL), with what it started where that can be reached; harmless once it ended. */
  kill(): void;
}

export interface ScriptSpec {
  /** Absolute path of the JavaScript entry point. */
  script: string;
  args: string[];
  cwd: string;
  /** The whole environment of the process (nothing is inherited). */
  env: Record<string, string>;
  /** Handed to the script once: on stdin (a Node child) or as the first parentPort message (a utility process). */
  input: string;
  /** What the process is called where the platform shows it (Electron's app metrics). */
  serviceName: string;
}

export interface ScriptLauncher {
  /** Throws when the process cannot even be asked for (a NUL in the environment, E2BIG). */
  launch(spec: ScriptSpec): LaunchedProcess;
}
