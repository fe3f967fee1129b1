/**
 * The desktop's hooks-file runs: the runner in an Electron utility process (utilityProcess.fork),
 * here a real Node child behind the fake. Output, exit codes and the deadline behave as with the
 * Node child of `certbell serve`; and the desktop face hands this launcher to its core.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, fake, FakeUtilityProcess } from '../../../fakes/electron.ts';
import { isRunning } from '../../../helpers/hooks.ts';
import { post, signedDelivery } from '../../../helpers/http.ts';
import { runHook } from '../../../../electron/core/hooks/run-hook.ts';
import type { HookContext, HookEntry } from '../../../../electron/core/hooks/hook-types.ts';
import { utilityProcessLauncher } from '../../../../electron/main/utility-launcher.ts';
import { boot, SECRET, until, type Booted } from './boot.ts';

vi.mock('electron', () => import('../../../fakes/electron.ts'));

const HOOKS = `
export class Hooks {
  constructor(logger) { this.logger = logger; }
  preHook(ctx) {
    this.logger.info('pre for', ctx.commonName);
    process.stdout.write(JSON.stringify({ stage: ctx.stage, deliveryId: ctx.delivery.metadata.delivery, env: process.env }));
  }
  successHook() { throw new Error('cannot reach the load balancer'); }
  async postHook(ctx) {
    if (ctx.event === 'test.hang') {
      process.on('SIGTERM', () => this.logger.warning('SIGTERM ignored'));
      process.stdout.write(String(process.pid));
      await new Promise(() => setInterval(() => {}, 1000));
    }
    if (ctx.event === 'test.flood') {
      process.stdout.write('x'.repeat(60_000));
      process.stderr.write('y'.repeat(59_999) + '\\n');
      throw new Error('after a flood');
    }
  }
}
`;

let dir: string;
let hooksFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certbell-utility-'));
  hooksFile = join(dir, 'hooks.mjs');
  writeFileSync(hooksFile, HOOKS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(method: string, timeoutMs = 5000): Extract<HookEntry, { kind: 'file' }> {
  const stage = method === 'preHook' ? 'pre' : method === 'successHook' ? 'success' : 'post';
  return { kind: 'file', name: `hooksFile.${method}`, stage, events: ['*'], file: hooksFile, method, cwd: dir, timeoutMs };
}

function context(event: string, stage: HookContext['stage'] = 'pre'): HookContext {
  const body = Buffer.from(JSON.stringify({ metadata: { delivery: 'dlv-1', event }, data: {} }));
  return { stage, event, deliveryId: 'dlv-1', entityId: 'order-1', certificateName: 'cert-1', orderName: 'order-1',
    commonName: 'shop.example', error: null, certificate: null, certificateRaw: null, body };
}

describe('the utility-process launcher', () => {
  beforeEach(() => {
    fake.reset();
    app.becomeReady();
  });

  it('runs a hooks-file method through utilityProcess.fork: its input, output, environment and exit code', async () => {
    const run = await runHook(spec('preHook'), context('ssl_panel.issued'), { launcher: utilityProcessLauncher() });
    expect(run).toMatchObject({ hook: 'hooksFile.preHook', stage: 'pre', exitCode: 0, signal: null, timedOut: false, error: null,
      stderr: '[info] pre for shop.example\n' });
    const seen = JSON.parse(run!.stdout) as { stage: string; deliveryId: string; env: Record<string, string> };
    expect(seen).toMatchObject({ stage: 'pre', deliveryId: 'dlv-1' });
    expect(seen.env.CERTBELL_COMMON_NAME).toBe('shop.example');
    expect(seen.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(fake.utilityProcesses).toHaveLength(1);
    const forked: FakeUtilityProcess = fake.utilityProcesses[0];
    expect(forked.modulePath).toMatch(/hooks-file-runner\.mjs$/);
    expect(forked.options).toMatchObject({ stdio: 'pipe', cwd: dir, serviceName: 'Certbell hooksFile.preHook' });
    // Only the hook's environment: nothing of Certbell's own (its secrets) is passed on.
    expect(Object.keys(forked.options.env!).filter((name) => !name.startsWith('CERTBELL_')).sort()).toEqual(
      ['HOME', 'LANG', 'PATH'].filter((name) => process.env[name] !== undefined));
  });

  it('records a method that throws as failed with its reason, and a missing method as not run', async () => {
    const launcher = utilityProcessLauncher();
    const failed = await runHook(spec('successHook'), context('ssl_panel.issued', 'success'), { launcher });
    expect(failed).toMatchObject({ exitCode: 1, timedOut: false, error: 'Error: cannot reach the load balancer' });
    const missing = await runHook({ ...spec('preHook'), method: 'nowhereHook' }, context('ping'), { launcher });
    expect(missing).toBeNull();
  });

  it('keeps all output written just before the exit, though Electron may report the exit before the pipes are read', async () => {
    FakeUtilityProcess.outputAfterExit = true;
    for (let i = 0; i < 3; i++) {
      const run = await runHook(spec('postHook'), context('test.flood', 'post'), { launcher: utilityProcessLauncher() });
      expect(run!.stdout.length).toBe(60_000);
      expect(run!.stderr.length).toBe(60_000 + 'certbell-hook-error: Error: after a flood\n'.length);
      // The reason is the last line of stderr: without it the run would only say "exited with 1".
      expect(run).toMatchObject({ exitCode: 1, error: 'Error: after a flood' });
    }
  });

  it('kills a run past its timeout with SIGKILL (SIGTERM, which utilityProcess.kill sends, is ignored by this hook)', async () => {
    const outputs: string[] = [];
    const run = await runHook(spec('postHook', 1500), context('test.hang', 'post'), { launcher: utilityProcessLauncher(),
      onOutput: (stream, text) => { if (stream === 'stdout') outputs.push(text); } });
    expect(run).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: true, error: 'timed out after 1500 ms' });
    expect(run!.durationMs).toBeLessThan(3000);
    const pid = Number(outputs.join(''));
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
  });
});

describe('the desktop face', () => {
  let booted: Booted;
  beforeAll(async () => {
    writeFileSync(join(dir, 'desktop-hooks.mjs'), HOOKS.replace('successHook() {', 'successHook() { return;'));
    booted = await boot({ config: { hooksFile: join(dir, 'desktop-hooks.mjs') } });
  });
  afterAll(async () => { await booted?.cleanup(); });

  it('runs the hooks file of a delivery, and a hook test run, in utility processes', async () => {
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'dlv-desktop' });
    expect((await post(booted.desktop!.core.webhookUrl(), body, headers)).status).toBe(200);
    const api = booted.desktop!.api;
    const record = await api.call('deliveries.get', { id: 'dlv-desktop' });
    expect(record.hookRuns.map((r) => `${r.hook} ${r.exitCode}`)).toEqual(['hooksFile.preHook 0', 'hooksFile.successHook 0', 'hooksFile.postHook 0']);
    expect(fake.utilityProcesses.map((p) => p.options.serviceName)).toEqual(
      ['Certbell hooksFile.preHook', 'Certbell hooksFile.successHook', 'Certbell hooksFile.postHook']);
    const tested = await api.call('hooks.test', { name: 'hooksFile.preHook', deliveryId: 'dlv-desktop' });
    expect(tested).toMatchObject({ hook: 'hooksFile.preHook', exitCode: 0 });
    await until(() => fake.utilityProcesses.length === 4, 'the test run\'s utility process');
  });
});
