/**
 * The utility-process half of the Electron fake (see electron.ts): `utilityProcess.fork` starts a
 * real Node child running the script, with `process.parentPort` provided by a preload, so what
 * runs in it is tested as a real process. It follows Electron's utility-process wrapper
 * (lib/browser/api/utility-process.ts and UtilityProcessWrapper): fork throws before the app is
 * ready and for any stdin but 'ignore'; stdout/stderr are PassThroughs fed by the pipes, whose
 * listeners Electron removes when it reports the exit; 'spawn' when the process has a pid; 'exit'
 * with a code only (a signal's number, 0 after kill()); kill() is SIGTERM; postMessage before the
 * spawn is queued. Electron hears of the exit on another channel than the pipes, so the end of the
 * output can come after it; `FakeUtilityProcess.outputAfterExit` makes that happen every time.
 */
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./utility-process-preload.mjs', import.meta.url));

export interface FakeForkOptions {
  env?: Record<string, string>;
  execArgv?: string[];
  cwd?: string;
  stdio?: string | string[];
  serviceName?: string;
}

/** Every utility process forked, in order (electron.ts exposes it as `fake.utilityProcesses`). */
export const utilityProcesses: FakeUtilityProcess[] = [];

type Io = 'pipe' | 'ignore' | 'inherit';

/** stdout and stderr as Electron reads `stdio` (its checks and messages). */
function outputs(stdio: FakeForkOptions['stdio'] = 'inherit'): { stdout: Io; stderr: Io } {
  const modes = ['pipe', 'ignore', 'inherit'];
  if (typeof stdio === 'string') {
    if (!modes.includes(stdio)) throw new Error('stdio must be of the following values: inherit, pipe, ignore');
    return { stdout: stdio as Io, stderr: stdio as Io };
  }
  if (stdio.length < 3) throw new Error('configuration missing for stdin, stdout or stderr.');
  if (stdio[0] !== 'ignore') throw new Error('stdin value other than ignore is not supported.');
  if (!modes.includes(stdio[1])) throw new Error('stdout configuration must be of the following values: inherit, pipe, ignore');
  if (!modes.includes(stdio[2])) throw new Error('stderr configuration must be of the following values: inherit, pipe, ignore');
  return { stdout: stdio[1] as Io, stderr: stdio[2] as Io };
}

export class FakeUtilityProcess extends EventEmitter {
  /** Hold all output back until the exit has been reported (the race at its worst). */
  static outputAfterExit = false;
  readonly modulePath: string;
  readonly args: string[];
  readonly options: FakeForkOptions;
  stdout: PassThrough | null = null;
  stderr: PassThrough | null = null;
  /** Set once the process ended: the code reported with 'exit'. */
  exitCode: number | null = null;
  private readonly child: ChildProcess;
  private spawned = false;
  private killed = false;

  constructor(modulePath: string, args: string[], options: FakeForkOptions) {
    super();
    this.modulePath = modulePath;
    this.args = args;
    this.options = options;
    const io = outputs(options.stdio);
    if (io.stdout === 'pipe') this.stdout = new PassThrough();
    if (io.stderr === 'pipe') this.stderr = new PassThrough();
    // Electron keeps the parent's environment only when none is given.
    this.child = fork(modulePath, args, { cwd: options.cwd, env: options.env ?? process.env,
      execArgv: ['--import', PRELOAD, ...(options.execArgv ?? [])], stdio: ['ignore', io.stdout, io.stderr, 'ipc'] });
    const held = FakeUtilityProcess.outputAfterExit;
    /** Feeds `to` from the child's pipe; held output is read at once (Node drops what nobody reads once the child exits) and passed on after the exit. */
    const connect = (from: NodeJS.ReadableStream | null, to: PassThrough | null): (() => void) => {
      if (!from || !to) return () => undefined;
      if (!held) {
        from.pipe(to);
        return () => undefined;
      }
      const waiting = new PassThrough({ highWaterMark: 16 * 1024 * 1024 });
      from.pipe(waiting);
      waiting.pause();
      return () => { waiting.pipe(to); };
    };
    const release = [connect(this.child.stdout, this.stdout), connect(this.child.stderr, this.stderr)];
    this.child.once('spawn', () => {
      this.spawned = true;
      this.emit('spawn');
    });
    this.child.on('message', (data) => this.emit('message', data));
    this.child.once('exit', (code, signal) => {
      this.spawned = false;
      const signalled = signal ? constants.signals[signal] : null;
      this.exitCode = this.killed && (signal === 'SIGTERM' || signal === 'SIGKILL') ? 0 : code ?? signalled ?? 0;
      try {
        this.emit('exit', this.exitCode);
      } finally {
        this.stdout?.removeAllListeners();
        this.stdout = null;
        this.stderr?.removeAllListeners();
        this.stderr = null;
        setImmediate(() => { for (const go of release) go(); });
      }
    });
    utilityProcesses.push(this);
  }

  get pid(): number | undefined {
    return this.spawned ? this.child.pid : undefined;
  }

  postMessage(message: Serializable): void {
    if (this.exitCode !== null) return;
    this.child.send(message, () => { /* the child may be gone */ });
  }

  kill(): boolean {
    if (!this.spawned) return false;
    this.killed = this.child.kill('SIGTERM');
    return this.killed;
  }
}

export function createUtilityProcess(isReady: () => boolean) {
  return {
    fork(modulePath: string, args: string[] = [], options: FakeForkOptions = {}): FakeUtilityProcess {
      if (!isReady()) throw new TypeError('utilityProcess cannot be created before app is ready.');
      if (!modulePath) throw new Error('Missing UtilityProcess entry script.');
      return new FakeUtilityProcess(modulePath, args, options);
    },
  };
}
