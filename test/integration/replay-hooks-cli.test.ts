// `certbell replay` and `certbell hooks list|test` against a real data directory with real hook scripts.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, writeConfig, type ServeProcess } from '../helpers/certbell-process.ts';

const SECRET = 'replay-secret';
let dir: string;
let serve: ServeProcess;
let marker: string;
const cli = (...args: string[]) => runCertbell([...args, '--data-dir', dir]);

function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function configWith(extra: Record<string, unknown> = {}) {
  return {
    secrets: [{ label: 'k', value: SECRET }],
    hooks: [
      { name: 'note', stage: 'pre', command: [script('note.sh', `echo "$CERTBELL_STAGE $CERTBELL_DELIVERY_ID" >> "${marker}"; echo noted`)] },
      { name: 'gate', stage: 'success', command: [script('gate.sh', `[ ! -e "${join(dir, 'closed')}" ] || { echo gate closed >&2; exit 4; }`)] },
    ],
    ...extra,
  };
}

beforeAll(async () => {
  dir = tempDataDir();
  marker = join(dir, 'marker.log');
  writeConfig(dir, configWith());
  serve = await startServe(dir);
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  removeDir(dir);
});

const lines = () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n') : []);

describe('certbell replay', () => {
  it('runs a stored delivery through the pipeline again as a new attempt, even after it was accepted', async () => {
    expect((await cli('send', '--url', serve.webhook, '--secret', SECRET, '--delivery-id', 'rp-1')).code).toBe(0);
    expect(lines()).toEqual(['pre rp-1']);
    const result = await cli('replay', 'rp-1');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/replayed record \d+ as record \d+ \(attempt 2\): accepted \(200\)/);
    expect(result.stdout).toContain('pre/note: ok');
    expect(lines()).toEqual(['pre rp-1', 'pre rp-1']);
    const shown = JSON.parse((await cli('delivery', 'rp-1', '--json')).stdout);
    expect(shown).toMatchObject({ attempt: 2, outcome: 'accepted' });
    expect(shown.hookRuns.map((r: { hook: string }) => r.hook)).toEqual(['note', 'gate']);
    expect(shown.remoteAddress).toMatch(/^replay of record \d+$/);
  });

  it('exits 1 and stores an aborted attempt when a hook fails; --json prints the new record', async () => {
    writeFileSync(join(dir, 'closed'), '');
    try {
      const result = await cli('replay', 'rp-1', '--json');
      expect(result.code).toBe(1);
      const record = JSON.parse(result.stdout);
      expect(record).toMatchObject({ outcome: 'aborted', status: 503, attempt: 3 });
      expect(JSON.parse(record.response)).toEqual({ error: 'hook failed', hook: 'gate' });
      expect(record.hookRuns.find((r: { hook: string }) => r.hook === 'gate')).toMatchObject({ exitCode: 4, stderr: 'gate closed\n' });
    } finally {
      removeDir(join(dir, 'closed'));
    }
  });

  it('`certbell delivery` (text) shows what each hook run wrote to stdout and stderr', async () => {
    const aborted = JSON.parse((await cli('deliveries', '--outcome', 'aborted', '--json')).stdout)[0];
    const text = (await cli('delivery', String(aborted.id))).stdout;
    expect(text).toMatch(/Hook runs\n {2}pre\/note: ok \(exit 0\)[^\n]*\n {4}stdout:\n {6}noted\n/);
    expect(text).toMatch(/ {2}success\/gate: FAILED \(exit 4\)[^\n]*\n {4}stderr:\n {6}gate closed\n/);
  });

  it('refuses to replay a delivery whose signature was not valid unless forced, and records the force', async () => {
    expect((await cli('send', '--url', serve.webhook, '--secret', 'wrong-secret', '--delivery-id', 'rp-forged',
      '--common-name', 'evil.example.com')).code).toBe(1);
    const before = lines().length;
    const refused = await cli('replay', 'rp-forged');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/(^|\n)certbell replay: delivery \d+ is not replayed without confirmation: its signature is invalid \(/);
    expect(refused.stderr).toMatch(/replay it anyway with: certbell replay \d+ --force\n$/);
    expect(lines()).toHaveLength(before);
    expect(JSON.parse((await cli('delivery', 'rp-forged', '--json')).stdout)).toMatchObject({ attempt: 1, outcome: 'rejected' });
    const inventory = async () => JSON.parse((await cli('certificates', '--json')).stdout).map((c: { commonName: string }) => c.commonName);
    expect(await inventory()).not.toContain('evil.example.com');

    const forced = await cli('replay', 'rp-forged', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/\(attempt 2\): accepted \(200\), forced despite signature invalid\n/);
    const shown = JSON.parse((await cli('delivery', 'rp-forged', '--json')).stdout);
    expect(shown).toMatchObject({ attempt: 2, outcome: 'accepted', signature: 'invalid', signatureDetail: { verdict: 'invalid', forcedReplay: true } });
    expect((await cli('delivery', 'rp-forged')).stdout).toContain('Warning       forced replay: its signature is invalid');
    expect(await inventory()).toContain('evil.example.com');
  });

  it('refuses unknown ids and records without a JSON body', async () => {
    expect((await cli('replay', 'no-such')).code).toBe(1);
    const { post } = await import('../helpers/http.ts');
    await post(serve.webhook, 'not json', { Delivery: 'rp-bad' });
    const result = await cli('replay', 'rp-bad');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no JSON object body');
    expect((await cli('replay')).code).toBe(2);
  });
});

describe('certbell hooks', () => {
  it('lists the hooks in force', async () => {
    const result = await cli('hooks', 'list', '--json');
    expect(JSON.parse(result.stdout).map((h: { name: string; stage: string }) => `${h.stage}/${h.name}`)).toEqual(['pre/note', 'success/gate']);
    expect((await cli('hooks', 'list')).stdout).toMatch(/^NAME\s+STAGE\s+EVENTS/);
  });

  it('lists a hooks file\'s three methods as run only if its class has them', async () => {
    const withFile = tempDataDir();
    try {
      writeFileSync(join(withFile, 'post-only.mjs'), 'export class Hooks { postHook() {} }\n');
      writeConfig(withFile, { hooksFile: 'post-only.mjs' });
      const result = await runCertbell(['hooks', 'list', '--data-dir', withFile]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/hooksFile\.preHook\s+pre\s+\*\s+.*post-only\.mjs preHook\(\), if the class has it/);
    } finally {
      removeDir(withFile);
    }
  });

  it('test-runs one hook against a stored delivery and prints its run record, without storing it', async () => {
    const before = JSON.parse((await cli('delivery', 'rp-1', '--json')).stdout).hookRuns.length;
    const result = await cli('hooks', 'test', 'note', '--delivery', 'rp-1', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ hook: 'note', stage: 'pre', exitCode: 0, timedOut: false, stdout: 'noted\n', error: null });
    const text = await cli('hooks', 'test', 'note', '--delivery', 'rp-1');
    expect(text.stdout).toMatch(/^pre\/note: ok \(exit 0\)/);
    expect(JSON.parse((await cli('delivery', 'rp-1', '--json')).stdout).hookRuns.length).toBe(before);
  });

  it('exits 1 when the hook fails, and names the configured hooks when the name is unknown', async () => {
    writeFileSync(join(dir, 'closed'), '');
    try {
      const failed = await cli('hooks', 'test', 'gate', '--delivery', 'rp-1');
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain('success/gate: FAILED (exit 4)');
      expect(failed.stderr).toBe('certbell hooks: hook gate: exited with 4\n');
    } finally {
      removeDir(join(dir, 'closed'));
    }
    const unknown = await cli('hooks', 'test', 'deploy', '--delivery', 'rp-1');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no enabled hook named "deploy" (in force: note, gate)');
    expect((await cli('hooks', 'test', 'note')).code).toBe(2);
  });
});

describe('hook config validation', () => {
  it('reports hook errors with JSON paths and keeps the last valid hooks in a running server', async () => {
    const bad = tempDataDir({
      hooks: [{ name: 'a', stage: 'during', command: ['x'] }, { name: 'a', stage: 'pre', command: [] },
        { name: 'b', stage: 'post', command: ['x'], timeoutMs: 0 }],
      hooksFile: join(dir, 'missing-hooks.mjs'),
    });
    try {
      const result = await runCertbell(['config', 'check', '--json', '--data-dir', bad]);
      expect(result.code).toBe(1);
      const paths = JSON.parse(result.stdout).errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['hooks[0].stage', 'hooks[1].name', 'hooks[1].command', 'hooks[2].timeoutMs']));
      writeConfig(bad, { hooksFile: join(dir, 'missing-hooks.mjs') });
      const missing = await runCertbell(['config', 'check', '--data-dir', bad]);
      expect(missing.stderr).toMatch(/hooksFile: cannot read .*missing-hooks\.mjs: no such file/);
    } finally {
      removeDir(bad);
    }

    writeConfig(dir, { ...configWith(), hooks: [{ name: 'x', stage: 'pre', command: [] }] });
    const deadline = Date.now() + 5000;
    while (!serve.stderr().includes('hooks[0].command') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(serve.stderr()).toContain('hooks[0].command');
    const sent = await cli('send', '--url', serve.webhook, '--secret', SECRET, '--delivery-id', 'after-bad-edit');
    expect(sent.code).toBe(0);
    expect(lines()).toContain('pre after-bad-edit');
    writeConfig(dir, configWith());
  });
});
