// The `certbell` bin itself: output into a pipe whose reader has gone, and an unsupported Node.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERTBELL_BIN, removeDir, startServe, tempDataDir } from '../helpers/certbell-process.ts';
import { SERVE_V8_FLAGS } from '../../electron/headless/serve-runtime.ts';

let dir: string;

beforeAll(() => { dir = tempDataDir(); });
afterAll(() => removeDir(dir));

/** Runs the bin with stdout a pipe whose read end is closed before the command writes anything (as `| true` does). */
function withClosedStdout(node: string, args: string[]): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [CERTBELL_BIN, ...args], { env: { ...process.env, CERTBELL_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('output to a closed pipe (EPIPE)', () => {
  it('`certbell deliveries | true` ends quietly with exit 0, no stack trace', async () => {
    const result = await withClosedStdout(process.execPath, ['deliveries']);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, signal: null });
  });

  it('a long output (the config schema, many writes) ends just as quietly', async () => {
    const result = await withClosedStdout(process.execPath, ['config', 'schema']);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, signal: null });
  });
});

const commandLineOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

describe('serve runs with its V8 flags', () => {
  it('re-executes itself once with them: the same PID, its own arguments, then its ready line and answers as usual', async () => {
    const serve = await startServe(dir);
    try {
      expect(commandLineOf(serve.pid)).toEqual([process.execPath, ...SERVE_V8_FLAGS, CERTBELL_BIN,
        'serve', '--port', '0', '--no-ui', '--data-dir', dir]);
      const answer = await fetch(serve.webhook, { method: 'POST', body: '{"event":"ping"}', headers: { 'Content-Type': 'application/json' } });
      expect(answer.status).toBe(401); // no secret configured: refused as ever
      expect(serve.stderr()).not.toMatch(/ExperimentalWarning|execve/);
    } finally {
      expect(await serve.stop()).toMatchObject({ code: 0 });
    }
  });
});

/** Debian's own Node here is 20: too old for the bin, which runs TypeScript directly. */
const OLD_NODE = '/usr/bin/node';
const oldMajor = existsSync(OLD_NODE) ? Number(execFileSync(OLD_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0]) : null;

describe('an older Node', () => {
  it.skipIf(oldMajor === null || oldMajor >= 24)('says in one line that Node 24 is needed, exit 1, instead of ERR_UNKNOWN_FILE_EXTENSION', async () => {
    const child = spawn(OLD_NODE, [CERTBELL_BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^certbell needs Node\.js 24 or newer; this is Node\.js \d+\./)]);
  });
});
