/** Starts a real `certbell serve` with its web UI on ephemeral ports, and stops it by PID. */
import { spawn } from 'node:child_process';
import { CERTBELL_BIN } from './certbell-process.ts';

export interface ServeUi {
  pid: number;
  webhook: string;
  ui: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** `env` is added to this process's environment (e.g. a variable an `{env}` secret names). */
export function startServeUi(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServeUi> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CERTBELL_BIN, 'serve', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], {
      env: { ...process.env, CERTBELL_DATA_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serve not ready:\n${stderr}`)); }, 20_000);
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('certbell ready '));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line.slice('certbell ready '.length)) as { webhook: string; ui: string | null };
      if (!ready.ui) { process.kill(child.pid!, 'SIGKILL'); reject(new Error('serve started without a UI')); return; }
      resolve({
        pid: child.pid!, webhook: ready.webhook, ui: ready.ui, stderr: () => stderr,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
          return exited;
        },
      });
    });
    void exited.then(() => { clearTimeout(timer); reject(new Error(`serve exited before ready:\n${stderr}`)); });
  });
}
