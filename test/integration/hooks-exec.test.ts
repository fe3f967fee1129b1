// SPEC §5 command hooks against a real `certbell serve`: what a hook receives (stdin, environment,
// working directory, certificate file), and how it is run (no shell, timeout, no orphans, capped
// output, clear errors when it cannot start).
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDelivery, stableId } from '../../shared/openprovider/index.ts';
import { SAMPLE_INTERMEDIATE_PEM, SAMPLE_MAIN_PEM, SAMPLE_ROOT_PEM } from '../../shared/openprovider/sample-chain.ts';
import { killAllServe, removeDir, startServe, tempDataDir, writeConfig, type ServeProcess } from '../helpers/certbell-process.ts';
import { certificateData, deliveryJson, isRunning, readLines, waitFor, writeScript } from '../helpers/hooks.ts';
import { hmac, post, signedDelivery } from '../helpers/http.ts';

const SECRET = 'hooks-exec-secret';
const ENV_SECRET = 'xyz-secret-from-the-environment';
const LOG_DELIVERY = resolve(import.meta.dirname, '../../examples/hooks/log-delivery.sh');
const CAPTURED_EVENTS = ['ssl_panel.issued', 'ssl_panel.ca_chat.new_message_from_ca', 'test.capture'];

let dir: string;
let out: string;
let work: string;
let serve: ServeProcess;

beforeAll(async () => {
  dir = tempDataDir();
  out = join(dir, 'out');
  work = join(dir, 'work');
  mkdirSync(out);
  mkdirSync(work);
  mkdirSync(join(dir, 'precious'));
  const capture = writeScript(join(dir, 'scripts'), 'capture.sh', `# Keeps what the hook was given.
f="$OUT/$CERTBELL_DELIVERY_ID"
cat > "$f.stdin"
env -0 > "$f.env"
pwd > "$f.cwd"
if [ -n "\${CERTBELL_CERTIFICATE:-}" ]; then
  cp "$CERTBELL_CERTIFICATE" "$f.pem"
  stat -c %a "$CERTBELL_CERTIFICATE" > "$f.pem-mode"
fi
`);
  const notExecutable = join(dir, 'scripts', 'not-executable.sh');
  writeFileSync(notExecutable, '#!/bin/sh\nexit 0\n');
  chmodSync(notExecutable, 0o644);
  const pre = (name: string, events: string[], command: string[], extra: Record<string, unknown> = {}) =>
    ({ name, stage: 'pre', events, command, ...extra });
  writeConfig(dir, {
    secrets: [{ label: 'primary', value: SECRET }, { label: 'from-env', env: 'CERTBELL_TEST_SECRET' }],
    hooks: [
      pre('capture', CAPTURED_EVENTS, [capture], { cwd: 'work', env: { OUT: out, HOOK_OWN: 'own value' } }),
      pre('cn-probe', ['test.inject'], ['/bin/sh', '-c', 'printf "%s" "$CERTBELL_COMMON_NAME" > "$OUT/$CERTBELL_DELIVERY_ID.cn"'],
        { env: { OUT: out } }),
      pre('log', ['test.inject'], [LOG_DELIVERY], { env: { LOG_FILE: join(out, 'deliveries.log') } }),
      pre('timeout-fork', ['test.timeout'], ['/bin/sh', '-c', 'echo $$ > timeout-sh.pid; sleep 300 & echo $! > timeout.pid; sleep 300'],
        { cwd: 'work', timeoutMs: 500 }),
      pre('leaves-child', ['test.background'], ['/bin/sh', '-c', 'sleep 300 & echo $! > background.pid; echo started'],
        { cwd: 'work' }),
      pre('chatty', ['test.chatty'], ['/bin/sh', '-c', "head -c 204800 /dev/zero | tr '\\0' a; head -c 204800 /dev/zero | tr '\\0' b >&2"]),
      pre('missing-program', ['test.missing'], ['certbell-no-such-program', '--flag']),
      pre('not-executable', ['test.noexec'], [notExecutable]),
      pre('ignores-stdin', ['test.big-body'], ['/bin/true']),
      pre('bad-cwd', ['test.badcwd'], ['/bin/true'], { cwd: 'no-such-dir' }),
    ],
  });
  serve = await startServe(dir, [], { CERTBELL_TEST_SECRET: ENV_SECRET, CERTBELL_SERVE_ONLY: 'serve-only', LANG: 'C.UTF-8' });
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  // Should Certbell ever leave a hook's children behind, the tests still stop them, by PID.
  for (const file of ['timeout-sh.pid', 'timeout.pid', 'background.pid']) {
    const pid = existsSync(join(work, file)) ? Number(readFileSync(join(work, file), 'utf8')) : 0;
    if (pid > 0 && isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
  if (dir) removeDir(dir);
});

async function sendBody(body: string, extraHeaders: Record<string, string> = {}) {
  const res = await post(serve.webhook, body, { Signature: `sha256=${hmac(SECRET, body)}`, ...extraHeaders });
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
}

async function send(deliveryId: string, event: string, commonName = `${deliveryId}.example`) {
  const { body, headers } = signedDelivery(SECRET, { deliveryId, event, data: certificateData(`cert-${deliveryId}`, commonName) });
  const res = await post(serve.webhook, body, headers);
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
}

function capturedEnv(deliveryId: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of readFileSync(join(out, `${deliveryId}.env`), 'utf8').split('\0').filter(Boolean)) {
    const at = entry.indexOf('=');
    env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

async function onlyRun(deliveryId: string) {
  const record = await deliveryJson(dir, deliveryId);
  expect(record.hookRuns).toHaveLength(1);
  return record.hookRuns[0];
}

describe('what a command hook receives', () => {
  it('the delivery body on stdin, byte for byte', async () => {
    const body = '{ "metadata" : {"delivery":"stdin-1", "event":"test.capture"},\n\t"data": {"note": "café ✓ \\u00e9",'
      + ' "id": "o-1", "certificate": {"id": "c-stdin", "commonName": "stdin.example"}}  }\n';
    expect((await sendBody(body)).status).toBe(200);
    expect(readFileSync(join(out, 'stdin-1.stdin')).equals(Buffer.from(body))).toBe(true);
  });

  it('the CERTBELL_* variables, the PEM chain in a private temporary file, and the main certificate as base64 DER', async () => {
    const body = JSON.stringify(sampleDelivery('ssl_panel.issued', { deliveryId: 'env-issued', commonName: 'env.example' }));
    expect((await sendBody(body, { 'Entity-Id': '4242' })).status).toBe(200);
    const env = capturedEnv('env-issued');
    expect(env).toMatchObject({
      CERTBELL_STAGE: 'pre', CERTBELL_EVENT: 'ssl_panel.issued', CERTBELL_DELIVERY_ID: 'env-issued', CERTBELL_ENTITY_ID: '4242',
      CERTBELL_CERTIFICATE_NAME: stableId('certificate:env.example'), CERTBELL_ORDER_NAME: stableId('order:env.example'),
      CERTBELL_COMMON_NAME: 'env.example',
    });
    expect(env).not.toHaveProperty('CERTBELL_ERROR');

    const copied = readFileSync(join(out, 'env-issued.pem'), 'utf8');
    expect(copied).toBe(SAMPLE_MAIN_PEM + SAMPLE_INTERMEDIATE_PEM + SAMPLE_ROOT_PEM);
    expect(readFileSync(join(out, 'env-issued.pem-mode'), 'utf8').trim()).toBe('600');
    expect(existsSync(env.CERTBELL_CERTIFICATE)).toBe(false);
    expect(existsSync(dirname(env.CERTBELL_CERTIFICATE))).toBe(false);

    const der = new X509Certificate(Buffer.from(env.CERTBELL_CERTIFICATE_RAW, 'base64'));
    expect(der.raw.equals(new X509Certificate(SAMPLE_MAIN_PEM).raw)).toBe(true);
    expect(der.subject).toContain('CN=example.com');
  });

  it('for a CA message, which names only its order: the certificate of that order, when Certbell knows it', async () => {
    const chat = (deliveryId: string, commonName: string) =>
      JSON.stringify(sampleDelivery('ssl_panel.ca_chat.new_message_from_ca', { deliveryId, commonName }));
    expect((await sendBody(chat('chat-unknown', 'unknown-chat.example'))).status).toBe(200);
    const unknown = capturedEnv('chat-unknown');
    expect(unknown.CERTBELL_ORDER_NAME).toBe(stableId('order:unknown-chat.example'));
    expect(unknown).not.toHaveProperty('CERTBELL_CERTIFICATE_NAME');
    expect(unknown).not.toHaveProperty('CERTBELL_COMMON_NAME');

    expect((await sendBody(JSON.stringify(sampleDelivery('ssl_panel.issued', { deliveryId: 'chat-issued', commonName: 'known-chat.example' })))).status).toBe(200);
    expect((await sendBody(chat('chat-known', 'known-chat.example'))).status).toBe(200);
    expect(capturedEnv('chat-known')).toMatchObject({ CERTBELL_ORDER_NAME: stableId('order:known-chat.example'),
      CERTBELL_CERTIFICATE_NAME: stableId('certificate:known-chat.example'), CERTBELL_COMMON_NAME: 'known-chat.example' });
  });

  it('a minimal environment: PATH, HOME, LANG and its own env, never the server\'s secrets; its cwd', async () => {
    const body = JSON.stringify(sampleDelivery('ssl_panel.ca_chat.new_message_from_ca', { deliveryId: 'env-chat', commonName: 'chat.example' }));
    expect((await sendBody(body)).status).toBe(200);
    const env = capturedEnv('env-chat');
    expect(env).toMatchObject({ PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', HOOK_OWN: 'own value', OUT: out,
      CERTBELL_EVENT: 'ssl_panel.ca_chat.new_message_from_ca', CERTBELL_ORDER_NAME: stableId('order:chat.example') });
    expect(env).not.toHaveProperty('CERTBELL_TEST_SECRET');
    expect(env).not.toHaveProperty('CERTBELL_SERVE_ONLY');
    for (const value of Object.values(env)) {
      expect(value).not.toContain(ENV_SECRET);
      expect(value).not.toContain(SECRET);
    }
    // What a shell adds by itself (PWD, SHLVL, _) is all there may be beyond what Certbell passes.
    const allowed = /^(PATH|HOME|LANG|HOOK_OWN|OUT|PWD|OLDPWD|SHLVL|_|CERTBELL_(STAGE|EVENT|DELIVERY_ID|ENTITY_ID|ORDER_NAME))$/;
    expect(Object.keys(env).filter((name) => !allowed.test(name))).toEqual([]);
    expect(readFileSync(join(out, 'env-chat.cwd'), 'utf8').trim()).toBe(realpathSync(work));
    expect(existsSync(join(out, 'env-chat.pem'))).toBe(false);
  });

  it('common names built to break out of a shell arrive only as literal data', async () => {
    const names = [
      `$(touch ${dir}/injected-dollar)`,
      `\`touch ${dir}/injected-backtick\``,
      `"; touch ${dir}/injected-dquote; echo "`,
      `'; touch ${dir}/injected-squote; echo '`,
      `x; rm -rf ${dir}/precious`,
      `line one\ntouch ${dir}/injected-newline\tand a tab`,
    ];
    for (const [i, name] of names.entries()) {
      expect((await send(`inject-${i}`, 'test.inject', name)).status).toBe(200);
      expect(readFileSync(join(out, `inject-${i}.cn`), 'utf8')).toBe(name);
    }
    for (const marker of ['dollar', 'backtick', 'dquote', 'squote', 'newline']) {
      expect(existsSync(join(dir, `injected-${marker}`))).toBe(false);
    }
    expect(existsSync(join(dir, 'precious'))).toBe(true);
    // The example log hook keeps one line per delivery, the name's tabs and newlines flattened.
    const logged = readLines(join(out, 'deliveries.log')).map((line) => line.split('\t'));
    expect(logged.map((fields) => fields.length)).toEqual(names.map(() => 6));
    expect(logged.map((fields) => fields[4])).toEqual(names.map((n) => n.replace(/[\t\n]/g, ' ')));
  });
});

describe('how a command hook is run', () => {
  it('kills the whole process group at the timeout: failure, timedOut, no orphan left', async () => {
    const res = await send('timeout-1', 'test.timeout');
    expect(res).toEqual({ status: 503, body: { error: 'hook failed', hook: 'timeout-fork' } });
    const run = await onlyRun('timeout-1');
    expect(run).toMatchObject({ hook: 'timeout-fork', stage: 'pre', timedOut: true, error: 'timed out after 500 ms' });
    expect(run.durationMs).toBeGreaterThanOrEqual(500);
    expect(run.durationMs).toBeLessThan(5000);
    const pids = ['timeout-sh.pid', 'timeout.pid'].map((f) => Number(readFileSync(join(work, f), 'utf8')));
    await waitFor(() => pids.every((pid) => !isRunning(pid)), 2000, `processes ${pids.join(', ')} to be gone`);
  });

  it('leaves no process behind when a hook exits 0 with a child in the background', async () => {
    expect((await send('background-1', 'test.background')).status).toBe(200);
    const run = await onlyRun('background-1');
    expect(run).toMatchObject({ exitCode: 0, timedOut: false, error: null, stdout: 'started\n' });
    expect(run.durationMs).toBeLessThan(5000);
    const pid = Number(readFileSync(join(work, 'background.pid'), 'utf8'));
    await waitFor(() => !isRunning(pid), 2000, `the background child ${pid} to be gone`);
  });

  it('keeps at most 64 KiB of stdout and of stderr, the note of how much was dropped included', async () => {
    expect((await send('chatty-1', 'test.chatty')).status).toBe(200);
    const run = await onlyRun('chatty-1');
    expect(run.exitCode).toBe(0);
    for (const [text, letter] of [[run.stdout, 'a'], [run.stderr, 'b']] as const) {
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64 * 1024);
      const kept = text.indexOf('\n');
      expect(kept).toBeGreaterThan(64 * 1024 - 100);
      expect(text.slice(0, kept)).toBe(letter.repeat(kept));
      expect(text.slice(kept)).toBe(`\n[certbell: ${200 * 1024 - kept} more bytes not kept (cap 64 KiB)]`);
    }
  });

  it('runs a hook that does not read its input, however large the body', async () => {
    const { body, headers } = signedDelivery(SECRET, { deliveryId: 'big-1', event: 'test.big-body',
      data: { ...certificateData('cert-big'), padding: 'p'.repeat(900 * 1024) } });
    expect((await post(serve.webhook, body, headers)).status).toBe(200);
    expect(await onlyRun('big-1')).toMatchObject({ hook: 'ignores-stdin', exitCode: 0, error: null });
  });

  it.each([
    ['test.missing', 'missing-program', /^could not start: certbell-no-such-program not found$/],
    ['test.noexec', 'not-executable', /^could not start: .*not-executable\.sh is not executable$/],
    ['test.badcwd', 'bad-cwd', /^could not start: the working directory .*no-such-dir does not exist$/],
  ])('%s: a hook that cannot start fails with a clear error', async (event, hook, error) => {
    const deliveryId = `cannot-start-${hook}`;
    expect(await send(deliveryId, event)).toEqual({ status: 503, body: { error: 'hook failed', hook } });
    const run = await onlyRun(deliveryId);
    expect(run).toMatchObject({ hook, exitCode: null, timedOut: false });
    expect(run.error).toMatch(error);
  });
});
