/**
 * The peer of part `http`: adnanh/webhook 2.8 (Debian package `webhook`), installed with apt-get
 * when missing, serving one hook that is certbell's job without the store: an HMAC-SHA256 trigger
 * rule over the raw body against the `Signature: sha256=HEX` header, and no command.
 *
 * webhook has no hook without `execute-command`; an empty one makes its handler fail at
 * `exec.LookPath("")` (a few stat calls, logged to a discarded log without -verbose) before
 * anything is spawned, while the answer (200 and the response message) is already written. So a
 * matching request costs webhook: read the body, parse the JSON payload, check the HMAC, answer —
 * no process. The bench checks that too: the PIDs the kernel hands out during webhook's load runs
 * (threads included) are counted next to its requests. A wrong signature makes webhook answer 500.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { freePort, startProgram, type ServerChild } from './children.ts';

export const WEBHOOK_BIN = '/usr/bin/webhook';
export const HOOK_ID = 'certbell';

export interface PeerInstall {
  ok: boolean;
  /** What was done: found, or the apt-get commands run and the lines that tell what they did. */
  what: string;
  version: string;
  reason: string | null;
}

function apt(args: string[]): { ok: boolean; lines: string[] } {
  const run = spawnSync('apt-get', args, { encoding: 'utf8', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const text = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  const lines = text.split('\n').map((l) => l.trim())
    .filter((l) => /^(Setting up|Unpacking|Get:|E:|W:|Err:|Fetched|\d+ upgraded)|webhook/.test(l) && !l.startsWith('(Reading'));
  const ok = run.status === 0 && existsSync(WEBHOOK_BIN);
  if (run.error) lines.push(`apt-get ${args.join(' ')}: ${run.error.message}`);
  return { ok, lines };
}

/** Finds /usr/bin/webhook, or installs the Debian package (`apt-get update` first only if the install fails). */
export function ensureWebhook(log: (text: string) => void): PeerInstall {
  const version = () => spawnSync(WEBHOOK_BIN, ['-version'], { encoding: 'utf8' }).stdout?.trim() ?? '?';
  if (existsSync(WEBHOOK_BIN)) return { ok: true, what: `found ${WEBHOOK_BIN}`, version: version(), reason: null };
  log(`peer: ${WEBHOOK_BIN} missing; running apt-get install -y webhook ...`);
  const steps: string[] = [];
  let install = apt(['install', '-y', 'webhook']);
  steps.push('apt-get install -y webhook', ...install.lines.map((l) => `  ${l}`));
  if (!install.ok) {
    log('peer: the install failed; running apt-get update and trying again ...');
    const update = apt(['update']);
    steps.push('apt-get update', ...update.lines.slice(-3).map((l) => `  ${l}`));
    install = apt(['install', '-y', 'webhook']);
    steps.push('apt-get install -y webhook', ...install.lines.map((l) => `  ${l}`));
  }
  const what = steps.join('\n');
  log(`peer install:\n${what}`);
  if (!install.ok) {
    return { ok: false, what, version: '-', reason: `apt-get install -y webhook failed (${install.lines.filter((l) => l.startsWith('E:')).join('; ') || 'see above'})` };
  }
  return { ok: true, what, version: version(), reason: null };
}

/** The hooks file: one hook, the HMAC rule, no command. */
export function hooksJson(secret: string): unknown[] {
  return [{
    id: HOOK_ID,
    'execute-command': '',
    'http-methods': ['POST'],
    'response-message': 'accepted',
    'trigger-rule-mismatch-http-response-code': 401,
    'trigger-rule': { match: { type: 'payload-hmac-sha256', secret, parameter: { source: 'header', name: 'Signature' } } },
  }];
}

/** webhook on 127.0.0.1 and a free port, quiet (no -verbose), serving /hooks/certbell. */
export async function startWebhook(secret: string, tempDirs: string[]): Promise<ServerChild & { url: string; args: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'certbell-bench-webhook-'));
  tempDirs.push(dir);
  const hooks = join(dir, 'hooks.json');
  writeFileSync(hooks, JSON.stringify(hooksJson(secret), null, 2), { mode: 0o600 });
  const port = await freePort();
  const args = ['-hooks', hooks, '-ip', '127.0.0.1', '-port', String(port)];
  // Without -verbose webhook prints nothing, so readiness is its `/` answering "OK".
  const child = await startProgram(WEBHOOK_BIN, args, async () => (await send('GET', `http://127.0.0.1:${port}/`)).status === 200);
  return { ...child, url: `http://127.0.0.1:${port}/hooks/${HOOK_ID}`, args };
}

/** One request on its own connection (no keep-alive left behind); resolves status and body. */
export function send(method: string, url: string, body?: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method, agent: false, headers: body ? { 'Content-Type': 'application/json', ...headers } : headers, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in 5 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
