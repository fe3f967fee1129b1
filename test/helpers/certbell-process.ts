/** Runs the real `certbell` bin as a child process: `serve` with its ready line, and one-shot commands. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CERTBELL_BIN = resolve(import.meta.dirname, '../../electron/headless/certbell.js');

export function tempDataDir(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'certbell-test-'));
  if (config !== undefined) writeConfig(dir, config);
  return dir;
}

export function writeConfig(dir: string, config: unknown): void {
  const file = join(dir, 'config.json');
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  chmodSync(file, 0o600);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/** Runs `certbell ...args` to completion (Node is this process's own, i.e. the pinned Node 24). */
export function runCertbell(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CERTBELL_BIN, ...args], {
      env: { ...process.env, CERTBELL_DATA_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`certbell ${args.join(' ')} timed out`)); }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolvePromise({ code, signal, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  webhook: string;
  ready: { webhook: string; ui: string | null };
  readyLine: string;
  stderr(): string;
  /** Sends a signal and waits for the exit; resolves with the exit code and signal. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Starts `certbell serve --port 0 --no-ui` and resolves at its ready line. */
export function startServe(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CERTBELL_BIN, 'serve', '--port', '0', '--no-ui', '--data-dir', dataDir, ...extraArgs], {
      env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      child.on('exit', (code, signal) => { running.delete(child); done({ code, signal }); });
    });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serve not ready:\n${stderr}`)); }, 15_000);
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('certbell ready '));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line.slice('certbell ready '.length));
      resolvePromise({
        child, pid: child.pid!, webhook: ready.webhook, ready, readyLine: line, stderr: () => stderr,
        stop: (signal = 'SIGTERM') => { if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal); return exited; },
      });
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before ready:\n${stderr}`));
    });
  });
}

/** Kills (by PID) any serve process a test left running. */
export function killAllServe(): void {
  for (const child of running) if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
}
