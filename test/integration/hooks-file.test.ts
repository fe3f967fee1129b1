// SPEC §5 `hooksFile` against a real `certbell serve`: acme2certifier's Hooks class in JavaScript,
// each method run in its own process with the hook timeout, so a faulty one cannot harm Certbell.
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_INTERMEDIATE_PEM, SAMPLE_MAIN_PEM, SAMPLE_ROOT_PEM } from '../../shared/openprovider/sample-chain.ts';
import { sampleDelivery, stableId } from '../../shared/openprovider/index.ts';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, writeConfig, type ServeProcess } from '../helpers/certbell-process.ts';
import { certificateData, deliveryJson, runSummary } from '../helpers/hooks.ts';
import { hmac, post, signedDelivery } from '../helpers/http.ts';

const SECRET = 'hooks-file-secret';
const SKELETON = resolve(import.meta.dirname, '../../examples/hooks/skeleton-hooks.mjs');
const TIMEOUT_MS = 800;

/** preHook's behaviour is chosen by the event; postHook is left out on purpose. */
const BEHAVIOURS = `
export class Hooks {
  constructor(logger) {
    this.logger = logger;
    this.loggerMethods = ['debug', 'info', 'warning', 'error'].filter((m) => typeof logger?.[m] === 'function');
  }

  async preHook(ctx) {
    switch (ctx.event) {
      case 'test.throw': throw new Error('cannot reach the load balancer');
      case 'test.hang-promise': await new Promise(() => {}); break;
      case 'test.hang-timer': await new Promise(() => { setInterval(() => {}, 1000); }); break;
      case 'test.hang-loop': for (;;) { /* busy */ }
      case 'test.exit-0': process.exit(0); break;
      case 'test.exit-3': process.exit(3); break;
      case 'test.exit-78': process.exit(78); break;
      case 'test.logger':
        this.logger.info('constructed with a logger having', this.loggerMethods.join(','));
        ctx.logger.error('ctx.logger works too');
        break;
      case 'ssl_panel.issued': {
        const { logger, delivery, ...rest } = ctx;
        process.stdout.write(JSON.stringify({ ...rest, logger: typeof logger, deliveryId: delivery.metadata.delivery }));
        break;
      }
      default: break;
    }
  }
}
`;

const POST_ONLY = `
export class Hooks {
  constructor(logger) { this.logger = logger; }
  postHook(ctx) { this.logger.info('postHook ran for', ctx.deliveryId); }
}
`;

interface Server { dir: string; serve: ServeProcess }
let skeleton: Server;
let behaviours: Server;
let postOnly: Server;

async function startServer(config: Record<string, unknown>, files: Record<string, string> = {}): Promise<Server> {
  const dir = tempDataDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeConfig(dir, { secrets: [{ label: 'primary', value: SECRET }], ...config });
  try {
    return { dir, serve: await startServe(dir) };
  } catch (error) {
    removeDir(dir);
    throw error;
  }
}

async function send(server: Server, deliveryId: string, event: string) {
  const { body, headers } = signedDelivery(SECRET, { deliveryId, event, data: certificateData(`cert-${deliveryId}`) });
  const started = Date.now();
  const res = await post(server.serve.webhook, body, headers);
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown>, ms: Date.now() - started };
}

beforeAll(async () => {
  [skeleton, behaviours, postOnly] = await Promise.all([
    startServer({ hooksFile: SKELETON, allowPreHookFailure: true,
      hooks: [{ name: 'pre-fail', stage: 'pre', events: ['test.pre-fails'], command: ['/bin/sh', '-c', 'exit 7'] }] }),
    // A relative hooksFile is resolved against the data directory.
    startServer({ hooksFile: 'hooks.mjs', hookTimeoutMs: TIMEOUT_MS }, { 'hooks.mjs': BEHAVIOURS }),
    startServer({ hooksFile: 'post-only.mjs' }, { 'post-only.mjs': POST_ONLY }),
  ]);
});

afterAll(async () => {
  await Promise.all([skeleton, behaviours, postOnly].map((s) => s?.serve.stop()));
  killAllServe();
  for (const s of [skeleton, behaviours, postOnly]) if (s) removeDir(s.dir);
});

describe('the example skeleton hooks file', () => {
  it('runs preHook, successHook and postHook; what the logger writes is in each run\'s stderr', async () => {
    const res = await send(skeleton, 'skeleton-1', 'ssl_panel.issued');
    expect(res.status).toBe(200);
    const record = await deliveryJson(skeleton.dir, 'skeleton-1');
    expect(runSummary(record.hookRuns)).toEqual(['pre hooksFile.preHook 0', 'success hooksFile.successHook 0', 'post hooksFile.postHook 0']);
    const [pre, success, post] = record.hookRuns;
    expect(pre.stderr).toBe('[debug] preHook: ssl_panel.issued for cert-skeleton-1.example\n');
    expect(success.stderr).toBe('[info] successHook: cert-skeleton-1.example issued (certificate cert-skeleton-1)\n');
    expect(post.stderr).toBe('');
  });

  it('postHook is told what failed earlier', async () => {
    expect((await send(skeleton, 'skeleton-2', 'test.pre-fails')).status).toBe(200);
    const record = await deliveryJson(skeleton.dir, 'skeleton-2');
    expect(runSummary(record.hookRuns)).toEqual(['pre pre-fail 7', 'pre hooksFile.preHook 0', 'post hooksFile.postHook 0']);
    expect(record.hookRuns[2].stderr).toBe('[warning] postHook: earlier step failed: pre-fail: exited with 7\n');
  });
});

describe('a faulty hooks file', () => {
  it('a method that throws: the delivery fails with the error message', async () => {
    const res = await send(behaviours, 'throw-1', 'test.throw');
    expect(res).toMatchObject({ status: 503, body: { error: 'hook failed', hook: 'hooksFile.preHook' } });
    const [run] = (await deliveryJson(behaviours.dir, 'throw-1')).hookRuns;
    expect(run).toMatchObject({ hook: 'hooksFile.preHook', stage: 'pre', exitCode: 1, timedOut: false,
      error: 'Error: cannot reach the load balancer' });
  });

  // 78 is EX_CONFIG, which a hook may well use; it must not pass for "the class has no such method".
  // process.exit(0) too: the method never returned, so it did not succeed.
  it.each([0, 3, 78])('a method that calls process.exit(%i): the delivery fails', async (code) => {
    const res = await send(behaviours, `exit-${code}`, `test.exit-${code}`);
    expect(res).toMatchObject({ status: 503, body: { hook: 'hooksFile.preHook' } });
    const [run] = (await deliveryJson(behaviours.dir, `exit-${code}`)).hookRuns;
    expect(run).toMatchObject({ exitCode: code || 1, error: `the hook called process.exit(${code}) instead of returning` });
  });

  // hang-promise awaits a promise that never settles with nothing else pending: Node would just exit.
  it.each(['test.hang-loop', 'test.hang-timer', 'test.hang-promise'])(
    '%s: a method that never finishes times out, and other deliveries are answered meanwhile', async (event) => {
      const deliveryId = `hang-${event.slice('test.hang-'.length)}`;
      const hanging = send(behaviours, deliveryId, event).then((r) => ({ ...r, answeredAt: Date.now() }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const other = await send(behaviours, `${deliveryId}-other`, 'test.fine');
      const otherAnsweredAt = Date.now();
      const res = await hanging;
      expect(res).toMatchObject({ status: 503, body: { hook: 'hooksFile.preHook' } });
      const [run] = (await deliveryJson(behaviours.dir, deliveryId)).hookRuns;
      expect(run).toMatchObject({ hook: 'hooksFile.preHook', timedOut: true, error: `timed out after ${TIMEOUT_MS} ms` });
      expect(res.ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
      expect(other.status).toBe(200);
      expect(otherAnsweredAt).toBeLessThan(res.answeredAt);
      expect(other.ms).toBeLessThan(TIMEOUT_MS);
    });

  it('is constructed with a logger, and ctx carries one too', async () => {
    expect((await send(behaviours, 'logger-1', 'test.logger')).status).toBe(200);
    const [run] = (await deliveryJson(behaviours.dir, 'logger-1')).hookRuns;
    expect(run.stderr).toBe('[info] constructed with a logger having debug,info,warning,error\n[error] ctx.logger works too\n');
  });

  it('gets the delivery facts, the PEM chain and the main certificate in ctx', async () => {
    const body = JSON.stringify(sampleDelivery('ssl_panel.issued', { deliveryId: 'ctx-1', commonName: 'ctx.example' }));
    const res = await post(behaviours.serve.webhook, body, { Signature: `sha256=${hmac(SECRET, body)}` });
    expect(res.status).toBe(200);
    const [run] = (await deliveryJson(behaviours.dir, 'ctx-1')).hookRuns;
    const ctx = JSON.parse(run.stdout);
    expect(ctx).toMatchObject({ stage: 'pre', event: 'ssl_panel.issued', deliveryId: 'ctx-1', commonName: 'ctx.example',
      certificateName: stableId('certificate:ctx.example'), orderName: stableId('order:ctx.example'), error: null,
      certificate: SAMPLE_MAIN_PEM + SAMPLE_INTERMEDIATE_PEM + SAMPLE_ROOT_PEM, logger: 'object' });
    expect(ctx.certificateRaw).toBe(SAMPLE_MAIN_PEM.split('\n').filter((l) => l && !l.startsWith('-----')).join(''));
  });
});

describe('a hooks file with only some methods', () => {
  it('records runs only for the methods it defines', async () => {
    expect((await send(postOnly, 'post-only-1', 'ssl_panel.issued')).status).toBe(200);
    const record = await deliveryJson(postOnly.dir, 'post-only-1');
    expect(runSummary(record.hookRuns)).toEqual(['post hooksFile.postHook 0']);
    expect(record.hookRuns[0].stderr).toBe('[info] postHook ran for post-only-1\n');
  });
});

describe('a hooks file that cannot be used', () => {
  // A hooks file missing or not parsing at start is a config error (below); one removed or broken
  // while serving, or one without a Hooks class (found only by running it), fails each run.
  const SYNTAX_ERROR = 'export class Hooks {\n';
  const broken: Record<string, [string, RegExp]> = {
    'removed.mjs': [POST_ONLY, /Cannot find module .*removed\.mjs/],
    'no-class.mjs': ['export const hooks = {};\n', /no-class\.mjs does not export a class Hooks/],
    'syntax-error.mjs': [POST_ONLY, /^SyntaxError: /],
  };
  const servers = new Map<string, Server>();

  beforeAll(async () => {
    await Promise.all(Object.entries(broken).map(async ([file, [text]]) => {
      servers.set(file, await startServer({ hooksFile: file }, { [file]: text }));
    }));
    rmSync(join(servers.get('removed.mjs')!.dir, 'removed.mjs'));
    writeFileSync(join(servers.get('syntax-error.mjs')!.dir, 'syntax-error.mjs'), SYNTAX_ERROR);
  });

  it('refuses to start when the hooks file does not parse, naming it and the line', async () => {
    const dir = tempDataDir();
    try {
      writeFileSync(join(dir, 'bad.mjs'), SYNTAX_ERROR);
      writeConfig(dir, { secrets: [{ label: 'primary', value: SECRET }], hooksFile: 'bad.mjs' });
      await expect(startServe(dir)).rejects.toThrow(/hooksFile: .*bad\.mjs is not valid JavaScript: SyntaxError: .*\(line 2\)/);
      const check = await runCertbell(['config', 'check', '--data-dir', dir]);
      expect(check.code).toBe(1);
      expect(check.stderr).toMatch(/hooksFile: .*bad\.mjs is not valid JavaScript/);
    } finally {
      removeDir(dir);
    }
  });

  afterAll(async () => {
    await Promise.all([...servers.values()].map((server) => server.serve.stop()));
    for (const server of servers.values()) removeDir(server.dir);
  });

  it.each(Object.keys(broken))('%s: every delivery fails with a message that says why', async (file) => {
    const server = servers.get(file)!;
    const res = await send(server, 'broken-1', 'ssl_panel.issued');
    expect(res).toMatchObject({ status: 503, body: { error: 'hook failed', hook: 'hooksFile.preHook' } });
    const [run] = (await deliveryJson(server.dir, 'broken-1')).hookRuns;
    expect(run.error).toMatch(broken[file][1]);
  });
});
