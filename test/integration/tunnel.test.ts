// The tunnel with real processes on 127.0.0.1: test/fakes/fake-tunnel.mjs stands in for cloudflared
// (a TCP proxy that prints its URL), and a real core (listener, SQLite) sits behind it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRunning as alive, until } from '../helpers/polling.ts';
import type { TunnelState } from '../../shared/bridge/index.ts';
import { createCore, type Core, type CoreOptions } from '../../electron/core/create-core.ts';
import { silentLogger, type Logger } from '../../electron/core/logger.ts';
import { checkReachability } from '../../electron/core/tunnel/reachability.ts';
import { removeDir, tempDataDir, writeConfig } from '../helpers/certbell-process.ts';

const FAKE = resolve(import.meta.dirname, '../fakes/fake-tunnel.mjs');
const URL_PATTERN = 'tunnel ready at (http://\\S+)';
const cores: Core[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
  for (const dir of dirs.splice(0)) removeDir(dir);
});

/** `tunnel` gets the path where the fake tunnel records its pids (in the data directory). */
async function startCore(tunnel: (pidFile: string) => Record<string, unknown>, extra: Partial<CoreOptions['tunnel']> = {},
  config: object = { secrets: [{ label: 'main', value: 'tunnel-secret' }] }, logger: Logger = silentLogger) {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  writeConfig(dataDir, { ...config, tunnel: tunnel(join(dataDir, 'fake.pid')) });
  const core = await createCore({ dataDir, logger, port: 0,
    tunnel: { backoff: { baseMs: 200, capMs: 800 }, startTimeoutMs: 1_500, autoCheckDelaysMs: [], detectResume: false, ...extra } });
  cores.push(core);
  return { core, dataDir, pidFile: join(dataDir, 'fake.pid') };
}

function fakeCommand(pidFile: string, ...flags: string[]): string[] {
  return [process.execPath, FAKE, '--to', '{port}', '--pid-file', pidFile, ...flags];
}

describe('tunnel supervision', () => {
  it('a test delivery runs no hooks, changes no certificate and raises no notification', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const marker = join(dataDir, 'hook-ran');
    const hook = (stage: string) => ({ name: `${stage}-marker`, stage, events: ['*'], command: ['sh', '-c', `echo ${stage} >> "${marker}"`] });
    const { core } = await startCore(() => ({}), {}, { secrets: [{ label: 'main', value: 'tunnel-secret' }],
      hooks: [hook('pre'), hook('success'), hook('post')] });
    // Straight to the listener: what matters here is what the listener does with a test delivery.
    const result = await checkReachability(core.webhookUrl(), { secret: 'tunnel-secret',
      received: (id) => core.services.deliveries.received(id) });
    expect(result).toMatchObject({ ok: true, status: 200, received: true });
    expect(core.services.deliveries.find(result.deliveryId)?.hookRuns).toEqual([]);
    expect(existsSync(marker)).toBe(false);
    expect(core.services.notifications.list(10)).toEqual([]);
    expect(core.services.certificates.list()).toEqual([]);
  });

  it('reads the public URL from the output and the reachability check goes through the tunnel', async () => {
    const { core } = await startCore((pidFile) => ({ command: fakeCommand(pidFile), urlPattern: URL_PATTERN }));
    core.tunnel.start();
    const up = await until('up', () => (core.tunnel.state().phase === 'up' ? core.tunnel.state() : null));
    const listenerPort = new URL(core.webhookUrl()).port;
    expect(up.tunnelUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(up.tunnelUrl!).port).not.toBe(listenerPort);
    expect(up.webhookUrl).toBe(`${up.tunnelUrl}/webhook`);
    expect(up.output.some((line) => line.includes('tunnel ready at'))).toBe(true);

    const result = await core.tunnel.check();
    expect(result).toMatchObject({ ok: true, status: 200, received: true, url: up.webhookUrl });
    expect(result.deliveryId).toMatch(/^certbell-check-/);
    const stored = core.services.deliveries.find(result.deliveryId);
    expect(stored).toMatchObject({ outcome: 'accepted', event: 'certbell.test', signature: 'valid' });
    expect(core.tunnel.state().lastCheck?.ok).toBe(true);
  });

  it('checks by itself once the tunnel is up', async () => {
    const { core } = await startCore((pidFile) => ({ command: fakeCommand(pidFile), urlPattern: URL_PATTERN, autoStart: true }),
      { autoCheckDelaysMs: [0] });
    const check = await until('automatic check', () => core.tunnel.state().lastCheck);
    expect(check).toMatchObject({ ok: true, status: 200, received: true });
  });

  it('a check to a URL that leads elsewhere says the delivery never arrived', async () => {
    const { createServer } = await import('node:http');
    const elsewhere = createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    try {
      const port = (elsewhere.address() as { port: number }).port;
      const { core } = await startCore(() => ({ publicUrl: `http://127.0.0.1:${port}/webhook` }));
      expect(core.tunnel.state()).toMatchObject({ phase: 'stopped', webhookUrl: `http://127.0.0.1:${port}/webhook` });
      const result = await core.tunnel.check();
      expect(result).toMatchObject({ ok: false, status: 200, received: false });
      expect(result.message).toContain('leads somewhere else');
    } finally {
      elsewhere.close();
    }
  });

  it('tells a new public URL when listener.path or tunnel.publicUrl changes while the tunnel is up, and checks it', async () => {
    const { core, dataDir } = await startCore((pidFile) => ({ command: fakeCommand(pidFile), urlPattern: URL_PATTERN, autoStart: true }),
      { autoCheckDelaysMs: [0] });
    const up = await until('checked', () => (core.tunnel.state().lastCheck?.ok ? core.tunnel.state() : null));
    const told = () => (JSON.parse(readFileSync(join(dataDir, 'tunnel.json'), 'utf8')) as { webhookUrl: string }).webhookUrl;
    expect(told()).toBe(`${up.tunnelUrl}/webhook`);
    writeConfig(dataDir, { secrets: [{ label: 'main', value: 'tunnel-secret' }], listener: { path: '/hook2' },
      tunnel: { command: fakeCommand(join(dataDir, 'fake.pid')), urlPattern: URL_PATTERN, autoStart: true } });
    await until('tunnel.json names the new path', () => told() === `${up.tunnelUrl}/hook2`);
    // The tunnel kept running; the check that follows is of the new URL, and passes.
    expect(core.tunnel.state().tunnelUrl).toBe(up.tunnelUrl);
    const check = await until('a check of the new URL', () => core.tunnel.state().lastCheck);
    expect(check).toMatchObject({ ok: true, url: `${up.tunnelUrl}/hook2` });
  });

  it('restarts a killed tunnel with growing delays, and gets a URL again', async () => {
    const { core, pidFile } = await startCore((file) => ({ command: fakeCommand(file), urlPattern: URL_PATTERN }));
    const restartDelays: number[] = [];
    core.tunnel.onChange((event) => {
      if (event.kind === 'state' && event.state.phase === 'restarting' && event.state.nextRestartAt) {
        restartDelays.push(Date.parse(event.state.nextRestartAt) - Date.now());
      }
    });
    core.tunnel.start();
    for (let round = 0; round < 2; round += 1) {
      await until('up', () => core.tunnel.state().phase === 'up');
      const { pid } = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number };
      process.kill(pid, 'SIGKILL');
      await until('restarting', () => core.tunnel.state().phase === 'restarting');
    }
    const again = await until('up again', () => (core.tunnel.state().phase === 'up' ? core.tunnel.state() : null));
    expect(again.restarts).toBe(2);
    expect(again.output.some((line) => line.includes('the tunnel exited (signal SIGKILL); restarting in 0.2 s'))).toBe(true);
    expect(again.output.some((line) => line.includes('restarting in 0.4 s'))).toBe(true);
    expect(restartDelays).toHaveLength(2);
    expect(restartDelays[1]).toBeGreaterThan(restartDelays[0]);
    expect((await core.tunnel.check()).ok).toBe(true);
  });

  it('reports the 401 the provider would get when no secret is configured, without a security notification', async () => {
    const { core } = await startCore((pidFile) => ({ command: fakeCommand(pidFile), urlPattern: URL_PATTERN, autoStart: true }),
      {}, {});
    await until('up', () => core.tunnel.state().phase === 'up');
    const result = await core.tunnel.check();
    expect(result).toMatchObject({ ok: false, status: 401, received: true });
    expect(result.message).toContain('answered 401 (no secret configured)');
    await new Promise((r) => setTimeout(r, 300));
    expect(core.services.notifications.list(10)).toEqual([]);
  });

  it('sends live output lines as the state keeps them: colour codes and carriage returns removed', async () => {
    const { core } = await startCore((pidFile) => ({ command: fakeCommand(pidFile, '--color'), urlPattern: URL_PATTERN }));
    const live: string[] = [];
    core.tunnel.onChange((event) => { if (event.kind === 'output') live.push(event.line); });
    core.tunnel.start();
    const up = await until('up', () => (core.tunnel.state().phase === 'up' ? core.tunnel.state() : null));
    expect(live).toContain('2026-11-24T04:00:00Z INF fake-tunnel: registered connection');
    expect(live.some((line) => line.includes('\u001b') || line.includes('\r'))).toBe(false);
    // What a page opened later shows (the state's output) is what a page open all along was sent.
    expect(up.output).toEqual(live);
  });

  it('reports a tunnel that never prints a URL as failed, with its output (in the log too), and ends it', async () => {
    const logged: string[] = [];
    const logger = { ...silentLogger, error: (message: string) => { logged.push(message); } };
    const { core, pidFile } = await startCore((file) => ({ command: fakeCommand(file, '--silent'), urlPattern: URL_PATTERN }), {}, undefined, logger);
    core.tunnel.start();
    const failed = await until('failed', () => (core.tunnel.state().phase === 'failed' ? core.tunnel.state() : null));
    expect(failed.error).toContain('no public URL in its output within 1.5 s');
    expect(failed.output).toContain('fake-tunnel: connecting to the edge...');
    expect(logged[0]).toBe(`tunnel: ${failed.error}`);
    expect(logged.slice(1)).toEqual(failed.output.slice(-10).map((line) => `tunnel output: ${line}`));
    expect(logged).toContain('tunnel output: fake-tunnel: connecting to the edge...');
    const { pid } = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number };
    await until('the silent tunnel ended', () => !alive(pid));
  });

  it('restarts the tunnel after the machine resumed, and stops it when tunnel.command is removed', async () => {
    const { core, pidFile } = await startCore((file) => ({ command: fakeCommand(file), urlPattern: URL_PATTERN, autoStart: true }));
    await until('up', () => core.tunnel.state().phase === 'up');
    const first = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number };
    core.resume();
    await until('a new tunnel process', () => {
      const now = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number };
      return now.pid !== first.pid && core.tunnel.state().phase === 'up';
    });
    expect(alive(first.pid)).toBe(false);
    const second = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number };
    writeConfig(core.dataDir, { secrets: [{ label: 'main', value: 'tunnel-secret' }] });
    await until('stopped', () => core.tunnel.state().phase === 'stopped');
    await until('tunnel gone', () => !alive(second.pid));
  });

  it('caps the restart delay, and starts the delays over once the tunnel stayed up', async () => {
    const { core, pidFile } = await startCore((file) => ({ command: fakeCommand(file), urlPattern: URL_PATTERN }),
      { backoff: { baseMs: 100, capMs: 200 }, stableMs: 400 });
    const delays: string[] = [];
    core.tunnel.onChange((event) => {
      const match = event.kind === 'output' ? /restarting in ([\d.]+) s/.exec(event.line) : null;
      if (match) delays.push(match[1]);
    });
    core.tunnel.start();
    const kill = async () => {
      await until('up', () => core.tunnel.state().phase === 'up');
      process.kill((JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number }).pid, 'SIGKILL');
      await until('restarting', () => core.tunnel.state().phase === 'restarting');
    };
    for (let i = 0; i < 3; i += 1) await kill();
    expect(delays).toEqual(['0.1', '0.2', '0.2']);
    await until('up', () => core.tunnel.state().phase === 'up');
    await new Promise((r) => setTimeout(r, 500)); // longer than stableMs
    await kill();
    expect(delays).toEqual(['0.1', '0.2', '0.2', '0.1']);
    expect(core.tunnel.state().restarts).toBe(1);
  });

  it('keeps the last words of a tunnel that exits at once, and retries it', async () => {
    const { core } = await startCore(() => ({ command: ['sh', '-c', 'echo "error: cannot reach the edge on {port}" >&2; exit 3'] }),
      { backoff: { baseMs: 5_000, capMs: 5_000 } });
    core.tunnel.start();
    const state = await until('restarting', () => (core.tunnel.state().phase === 'restarting' ? core.tunnel.state() : null));
    expect(state.error).toBe('exited (code 3)');
    const port = new URL(core.webhookUrl()).port;
    expect(state.output).toContain(`error: cannot reach the edge on ${port}`);
    expect(state.output.at(-1)).toBe('certbell: the tunnel exited (code 3); restarting in 5 s');
  });

  it('says clearly when the tunnel program does not exist', async () => {
    const { core } = await startCore(() => ({ command: ['certbell-no-such-tunnel', '{port}'] }));
    core.tunnel.start();
    const failed = await until('failed', () => (core.tunnel.state().phase === 'failed' ? core.tunnel.state() : null));
    expect(failed.error).toBe('could not start: certbell-no-such-tunnel not found');
  });

  it('stopping Certbell leaves no tunnel process behind, helpers included', async () => {
    const { core, pidFile } = await startCore((file) => ({ command: fakeCommand(file, '--helper'), urlPattern: URL_PATTERN,
      autoStart: true }));
    await until('up', () => core.tunnel.state().phase === 'up');
    const { pid, helperPid } = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; helperPid: number };
    expect(alive(pid) && alive(helperPid)).toBe(true);
    await core.stop();
    expect(core.tunnel.state().phase satisfies TunnelState['phase']).toBe('stopped');
    await until('tunnel and helper gone', () => !alive(pid) && !alive(helperPid), 5_000);
  });
});
