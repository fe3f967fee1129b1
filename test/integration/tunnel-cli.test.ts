// `certbell serve` with a tunnel and `certbell tunnel check`, as real processes (the stand-in tunnel
// is test/fakes/fake-tunnel.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRunning as alive, until } from '../helpers/polling.ts';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, writeConfig, type ServeProcess } from '../helpers/certbell-process.ts';

const FAKE = resolve(import.meta.dirname, '../fakes/fake-tunnel.mjs');
const dirs: string[] = [];

afterEach(() => {
  killAllServe();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function dataDirWithTunnel(): { dataDir: string; pidFile: string } {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const pidFile = join(dataDir, 'fake.pid');
  const config = { secrets: [{ label: 'main', value: 'cli-secret' }], tunnel: {
    command: [process.execPath, FAKE, '--to', '{port}', '--pid-file', pidFile, '--helper'],
    urlPattern: 'tunnel ready at (http://\\S+)', autoStart: true } };
  writeConfig(dataDir, config);
  return { dataDir, pidFile };
}

describe('certbell serve with a tunnel', () => {
  it('logs the public URL, passes `certbell tunnel check`, and leaves no tunnel process when stopped', async () => {
    const { dataDir, pidFile } = dataDirWithTunnel();
    const serve: ServeProcess = await startServe(dataDir);
    const logged = await until('public URL in the log', () => /public webhook URL: (\S+)/.exec(serve.stderr())?.[1]);
    expect(logged).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    expect(logged).not.toBe(serve.webhook);

    const check = await runCertbell(['tunnel', 'check', '--data-dir', dataDir]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^ok: Reachable: the test delivery arrived and was answered 200/);
    expect(check.code).toBe(0);
    const json = await runCertbell(['tunnel', 'check', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, url: logged, status: 200, received: true });

    const { pid, helperPid } = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; helperPid: number };
    expect(alive(pid) && alive(helperPid)).toBe(true);
    expect(await serve.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(alive(pid)).toBe(false);
    await until('helper gone', () => !alive(helperPid), 3_000);
    expect(existsSync(join(dataDir, 'tunnel.json'))).toBe(false);
  });

  it('fails with exit 1 and a clear message when there is no public URL, and 2 on a usage error', async () => {
    const dataDir = tempDataDir({ secrets: [{ label: 'main', value: 'cli-secret' }] });
    dirs.push(dataDir);
    const none = await runCertbell(['tunnel', 'check', '--data-dir', dataDir]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('certbell tunnel: no public URL: set tunnel.publicUrl, run "certbell serve" with tunnel.command, or pass --url\n');
    const unreachable = await runCertbell(['tunnel', 'check', '--url', 'http://127.0.0.1:9/webhook', '--data-dir', dataDir]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toContain('FAILED: Could not reach http://127.0.0.1:9/webhook: ECONNREFUSED');
    expect((await runCertbell(['tunnel', 'status', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCertbell(['tunnel', 'check', '--url', 'not a url', '--data-dir', dataDir])).code).toBe(2);
  });
});
