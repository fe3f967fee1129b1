/**
 * Runs the user's tunnel command (SPEC §8) and keeps it running: reads its public URL from the
 * output, restarts it with capped exponential backoff when it exits, gives up with its output
 * when it prints no URL in time (a misconfigured command would only print the same error
 * forever), and stops its whole process group on `stop`.
 */
import type { ChildProcess } from 'node:child_process';
import type { TunnelPhase, TunnelState } from '../../../shared/bridge/types.ts';
import type { Logger } from '../logger.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffSettings } from './backoff.ts';
import { lineSplitter, OutputLines } from './output-lines.ts';
import { signalGroup, spawnTunnel } from './process-group.ts';
import { urlExtractor } from './url-extractor.ts';

export interface SupervisorSettings {
  command: string[] | null;
  urlPattern: string | null;
}

export interface SupervisorDeps {
  settings: () => SupervisorSettings;
  /** The listener port, for `{port}` in the command. */
  port: () => number;
  logger: Logger;
  now?: () => number;
  backoff?: BackoffSettings;
  /** How long a starting tunnel may take to print its URL. */
  startTimeoutMs?: number;
  /** A tunnel that stayed up this long starts its backoff afresh when it exits. */
  stableMs?: number;
}

/** The tunnel's state as the supervisor knows it; the service adds the webhook URL and the check. */
export type SupervisorSnapshot = Omit<TunnelState, 'webhookUrl' | 'lastCheck' | 'checking'>;

/** Between SIGTERM to the group and SIGKILL on stop. */
const STOP_GRACE_MS = 3_000;

/** How many of the tunnel's last output lines the log repeats when it fails. */
const LOGGED_OUTPUT_LINES = 10;

export type SupervisorEvent = { kind: 'state' } | { kind: 'output'; line: string } | { kind: 'up'; url: string };

interface Run {
  child: ChildProcess;
  argv: string[];
  /** Set when Certbell itself ends this run: its exit is not a crash to restart from. */
  ending: boolean;
  exited: Promise<void>;
  startedUpAt: number | null;
}

export class TunnelSupervisor {
  private readonly deps: SupervisorDeps;
  private readonly now: () => number;
  private readonly output = new OutputLines();
  private readonly listeners = new Set<(event: SupervisorEvent) => void>();
  private phase: TunnelPhase = 'stopped';
  private run: Run | null = null;
  private tunnelUrl: string | null = null;
  private upSince: number | null = null;
  private restarts = 0;
  private nextRestartAt: number | null = null;
  private error: string | null = null;
  private wanted = false;
  private startTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(deps: SupervisorDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /** Whether the user wants the tunnel running (started and not stopped since). */
  get isWanted(): boolean {
    return this.wanted;
  }

  onEvent(listener: (event: SupervisorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): SupervisorSnapshot {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      phase: this.phase, command: this.run?.argv ?? this.argv(), pid: this.run?.child.pid ?? null, tunnelUrl: this.tunnelUrl,
      upSince: iso(this.upSince), restarts: this.restarts, nextRestartAt: iso(this.nextRestartAt), error: this.error,
      output: this.output.all(),
    };
  }

  /** Starts the tunnel unless it is already running or about to restart. */
  start(): void {
    this.wanted = true;
    if (this.run || this.restartTimer !== null) return;
    this.restarts = 0;
    this.launch();
  }

  /** A fresh start now (after resume or a settings change), with the backoff reset. */
  async restart(reason: string): Promise<void> {
    if (!this.wanted) return;
    this.deps.logger.info(`tunnel: restarting (${reason})`);
    await this.end();
    this.restarts = 0;
    this.launch();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    await this.end();
    this.setPhase('stopped', null);
  }

  private argv(): string[] | null {
    const command = this.deps.settings().command;
    if (!command) return null;
    const port = String(this.deps.port());
    return command.map((arg) => arg.replaceAll('{port}', port));
  }

  private launch(): void {
    this.clearTimers();
    const argv = this.argv();
    if (!argv) {
      this.setPhase('failed', 'tunnel.command is not set: add the command that runs your tunnel in the settings');
      return;
    }
    const extract = urlExtractor(this.deps.settings().urlPattern);
    this.tunnelUrl = null;
    this.upSince = null;
    let child: ChildProcess;
    try {
      child = spawnTunnel(argv[0], argv.slice(1));
    } catch (error) {
      this.setPhase('failed', `could not start: ${(error as Error).message}`);
      return;
    }
    let exitedResolve: () => void = () => undefined;
    const run: Run = { child, argv, ending: false, startedUpAt: null, exited: new Promise((r) => { exitedResolve = r; }) };
    this.run = run;
    this.note(`$ ${argv.join(' ')}${child.pid ? ` (pid ${child.pid})` : ''}`);
    const onLine = (line: string) => {
      if (this.run !== run) return;
      this.note(line);
      if (this.phase !== 'starting') return;
      const url = extract(line);
      if (url) this.becameUp(run, url);
    };
    const out = lineSplitter(onLine);
    const err = lineSplitter(onLine);
    child.stdout?.on('data', (c: Buffer) => out.write(c));
    child.stderr?.on('data', (c: Buffer) => err.write(c));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (this.run !== run) return;
      const why = error.code === 'ENOENT' ? `${argv[0]} not found` : error.code === 'EACCES' ? `${argv[0]} is not executable` : error.message;
      this.run = null;
      exitedResolve();
      this.setPhase('failed', `could not start: ${why}`);
    });
    child.on('exit', (code, signal) => {
      signalGroup(child.pid, 'SIGKILL'); // helpers it left behind in its group
      // Its last words (often the reason it exited) may still be in the pipes: wait for them, briefly.
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        out.end();
        err.end();
        exitedResolve();
        if (this.run !== run || run.ending) return;
        this.run = null;
        this.exitedUnexpectedly(run, code === null ? `signal ${signal}` : `code ${code}`);
      };
      const guard = setTimeout(finish, 1_000);
      child.on('close', () => { clearTimeout(guard); finish(); });
    });
    this.setPhase('starting', null);
    const timeoutMs = this.deps.startTimeoutMs ?? 30_000;
    this.startTimer = setTimeout(() => {
      this.startTimer = null;
      if (this.run !== run || this.phase !== 'starting') return;
      void this.endRun(run).then(() => {
        if (this.phase === 'starting') {
          this.setPhase('failed', `no public URL in its output within ${timeoutMs / 1000} s (see the output below; `
            + 'set tunnel.urlPattern if it prints the URL in another form)');
        }
      });
    }, timeoutMs);
  }

  private becameUp(run: Run, url: string): void {
    this.clearStartTimer();
    this.tunnelUrl = url;
    this.upSince = this.now();
    run.startedUpAt = this.upSince;
    this.deps.logger.info(`tunnel: up at ${url}`);
    this.setPhase('up', null);
    this.emit({ kind: 'up', url });
  }

  private exitedUnexpectedly(run: Run, how: string): void {
    this.clearStartTimer();
    const stable = run.startedUpAt !== null && this.now() - run.startedUpAt >= (this.deps.stableMs ?? 60_000);
    this.restarts = stable ? 1 : this.restarts + 1;
    const delay = backoffDelay(this.restarts, this.deps.backoff ?? DEFAULT_BACKOFF);
    this.tunnelUrl = null;
    this.upSince = null;
    this.nextRestartAt = this.now() + delay;
    const message = `the tunnel exited (${how}); restarting in ${Math.round(delay / 100) / 10} s`;
    this.note(`certbell: ${message}`);
    this.deps.logger.warn(`tunnel: ${message}`);
    this.setPhase('restarting', `exited (${how})`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.nextRestartAt = null;
      if (this.wanted) this.launch();
    }, delay);
  }

  /** Ends the current run (if any) and cancels pending restarts. */
  private async end(): Promise<void> {
    this.clearTimers();
    this.nextRestartAt = null;
    this.tunnelUrl = null;
    this.upSince = null;
    if (this.run) await this.endRun(this.run);
  }

  private async endRun(run: Run): Promise<void> {
    run.ending = true;
    signalGroup(run.child.pid, 'SIGTERM');
    const grace = setTimeout(() => signalGroup(run.child.pid, 'SIGKILL'), STOP_GRACE_MS);
    await run.exited;
    clearTimeout(grace);
    if (this.run === run) this.run = null;
  }

  private clearTimers(): void {
    this.clearStartTimer();
    if (this.restartTimer !== null) { clearTimeout(this.restartTimer); this.restartTimer = null; }
  }

  private clearStartTimer(): void {
    if (this.startTimer !== null) { clearTimeout(this.startTimer); this.startTimer = null; }
  }

  /** Live subscribers get the line as the state's `output` keeps it, so a reload shows the same text. */
  private note(line: string): void {
    this.emit({ kind: 'output', line: this.output.add(line) });
  }

  private setPhase(phase: TunnelPhase, error: string | null): void {
    this.phase = phase;
    this.error = error;
    if (phase === 'failed' && error) {
      // The log shows what the UI shows under the error: the tunnel's last output lines.
      this.deps.logger.error(`tunnel: ${error}`);
      for (const line of this.output.all().slice(-LOGGED_OUTPUT_LINES)) this.deps.logger.error(`tunnel output: ${line}`);
    }
    this.emit({ kind: 'state' });
  }

  private emit(event: SupervisorEvent): void {
    for (const listener of this.listeners) {
      try { listener(event); } catch { /* one broken subscriber must not stop the supervisor */ }
    }
  }
}
