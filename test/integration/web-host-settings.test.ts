/**
 * The UI's writes over the bridge, against a real `certbell serve --port 0 --ui-port 0`: saving
 * settings and hooks (applied by the live reload, secrets never sent back), test-running a hook
 * with its output streamed over SSE, edit-then-replay, and the test notification.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';
import { until } from '../helpers/polling.ts';

const SECRET = 'settings-main-secret-value-1';
const NEW_SECRET = 'rotated-secret-value-never-shown-2';

interface Reply { status: number; body: string }

let dataDir: string;
let served: ServeUi;
let base: string;
let token: string;
/** Every bridge response body, to check that no secret value ever left the server. */
const seen: string[] = [];

function call(method: string, params?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}api/${method}`, { method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        seen.push(body);
        resolve({ status: res.statusCode!, body });
      });
    });
    req.on('error', reject);
    req.end(params === undefined ? '' : JSON.stringify(params));
  });
}

async function result<T = Record<string, unknown>>(method: string, params?: unknown): Promise<T> {
  const reply = await call(method, params);
  expect(reply.status, reply.body).toBe(200);
  return JSON.parse(reply.body) as T;
}

type Frame = { event: string; data: Record<string, unknown> };

/** An open SSE stream; `frames` grows as events arrive. */
function openEvents(): Promise<{ frames: Frame[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const frames: Frame[] = [];
    let text = '';
    const req: ClientRequest = request(`${base}api/events`, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.on('data', (c: Buffer) => {
        text += c.toString();
        const parts = text.split('\n\n');
        text = parts.pop()!;
        for (const part of parts) {
          seen.push(part);
          if (part.includes(': connected')) resolve({ frames, close: () => req.destroy() });
          if (!part.startsWith('event: ')) continue;
          frames.push({ event: part.split('\n')[0].slice('event: '.length),
            data: JSON.parse(part.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as Record<string, unknown> });
        }
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'ECONNRESET') reject(e); });
    req.end();
  });
}

function send(secret: string, ...args: string[]) {
  return runCertbell(['send', '--url', served.webhook, '--secret', secret, ...args]);
}

const configPath = () => join(dataDir, 'config.json');
const configText = () => readFileSync(configPath(), 'utf8');

type Masked = Record<string, unknown> & { secrets: { label: string }[] };

beforeAll(async () => {
  dataDir = tempDataDir({
    listener: { port: 0 },
    secrets: [{ label: 'main', value: SECRET }],
    hooks: [{ name: 'say-hello', stage: 'post', command: ['sh', '-c', 'echo hello'] }],
  });
  served = await startServeUi(dataDir);
  const printed = new URL(served.ui);
  token = printed.searchParams.get('token')!;
  base = `http://127.0.0.1:${printed.port}/`;
  expect((await send(SECRET, '--event', 'ssl_panel.issued', '--common-name', 'one.example', '--delivery-id', 'dlv-one')).code).toBe(0);
}, 30_000);

afterAll(async () => {
  await served?.stop();
  if (dataDir) removeDir(dataDir);
});

describe('settings.save', () => {
  it('writes config.json (0600), keeps a secret by label, adds a rotated one, and the server applies it live', async () => {
    const current = await result<Masked>('settings.get');
    const edited = { ...current, secrets: [{ label: 'main', keep: true }, { label: 'rotated', value: NEW_SECRET }],
      notifications: { ...(current.notifications as object), quietHours: { from: '23:00', to: '06:00' } } };
    const saved = await result<{ saved: boolean; applied: boolean; settings: Masked }>('settings.save', { config: edited });
    expect(saved).toMatchObject({ saved: true, applied: true });
    expect(saved.settings.secrets).toEqual([{ label: 'main', kind: 'value', masked: '********' },
      { label: 'rotated', kind: 'value', masked: '********' }]);
    expect(statSync(configPath()).mode & 0o777).toBe(0o600);
    const file = JSON.parse(configText()) as { secrets: unknown[]; notifications: { quietHours: unknown } };
    expect(file.secrets).toEqual([{ label: 'main', value: SECRET }, { label: 'rotated', value: NEW_SECRET }]);
    expect(file.notifications.quietHours).toEqual({ from: '23:00', to: '06:00' });
    // The running server verifies with the new secret without a restart.
    expect((await send(NEW_SECRET, '--event', 'ssl_panel.issued', '--common-name', 'two.example', '--delivery-id', 'dlv-rotated')).code).toBe(0);
    const after = await result<Masked>('settings.get');
    expect((after.notifications as { quietHours: unknown }).quietHours).toEqual({ from: '23:00', to: '06:00' });
  });

  it('reports every error with its JSON path and writes nothing', async () => {
    const before = configText();
    const current = await result<Masked>('settings.get');
    const bad = await result<{ saved: boolean; errors: { path: string }[] }>('settings.save', { config: {
      ...current, listener: { ...(current.listener as object), port: 'x' },
      secrets: [{ label: '', value: 'v' }, { label: 'gone', keep: true }, { label: 'env', env: 'CERTBELL_TEST_UNSET_VARIABLE' }] } });
    expect(bad.saved).toBe(false);
    expect(bad.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['listener.port', 'secrets[0].label', 'secrets[1].label']));
    expect(configText()).toBe(before);
    // Valid for the schema, but the server could not load it: still nothing written.
    const unset = await result<{ saved: boolean; errors: { path: string; message: string }[] }>('settings.save', {
      config: { ...current, secrets: [{ label: 'main', keep: true }, { label: 'env', env: 'CERTBELL_TEST_UNSET_VARIABLE' }] } });
    expect(unset).toMatchObject({ saved: false, errors: [{ path: 'secrets[1].env' }] });
    expect(configText()).toBe(before);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await call('settings.save', { config: { secrets: [{ label: 'x', encrypted: 'abc' }] } })).status).toBe(400);
  });
});

describe('hooks.save', () => {
  it('replaces the hooks (added, reordered, disabled) and the policy, keeps the secrets, and applies live', async () => {
    const saved = await result<{ saved: boolean; applied: boolean }>('hooks.save', {
      hooks: [
        { name: 'write-marker', stage: 'post', command: ['sh', '-c', 'echo "$CERTBELL_DELIVERY_ID" >> marker.txt'] },
        { name: 'say-hello', stage: 'post', command: ['sh', '-c', 'echo hello'], enabled: false },
        { name: 'talker', stage: 'pre', events: ['ssl_panel.nothing'], command: ['sh', '-c', 'printf "out-1\\n"; printf "err-1\\n" >&2; sleep 0.3; printf "out-2\\n"'] },
      ],
      allowPostHookFailure: false,
    });
    expect(saved).toMatchObject({ saved: true, applied: true });
    const file = JSON.parse(configText()) as { secrets: unknown[]; allowPostHookFailure: boolean };
    expect(file.secrets).toEqual([{ label: 'main', value: SECRET }, { label: 'rotated', value: NEW_SECRET }]);
    expect(file.allowPostHookFailure).toBe(false);
    expect(statSync(configPath()).mode & 0o777).toBe(0o600);
    const listed = await result<{ name: string }[]>('hooks.list');
    expect(listed.map((h) => h.name)).toEqual(['write-marker', 'talker']);
    expect((await send(SECRET, '--event', 'ssl_panel.issued', '--delivery-id', 'dlv-marker')).code).toBe(0);
    expect(readFileSync(join(dataDir, 'marker.txt'), 'utf8')).toBe('dlv-marker\n');
  });

  it('refuses duplicate names, an empty command and an unknown stage, with JSON paths, writing nothing', async () => {
    const before = configText();
    const bad = await result<{ saved: boolean; errors: { path: string }[] }>('hooks.save', { hooks: [
      { name: 'a', stage: 'pre', command: ['true'] },
      { name: 'b', stage: 'post', command: [] },
      { name: 'a', stage: 'later', command: ['true'] },
    ] });
    expect(bad.saved).toBe(false);
    expect(bad.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['hooks[1].command', 'hooks[2].stage', 'hooks[2].name']));
    expect(configText()).toBe(before);
  });
});

describe('hooks.test', () => {
  it('returns the run record and streams its output as hookOutput events', async () => {
    const events = await openEvents();
    try {
      const run = await result<{ runId: string; hook: string; exitCode: number; stdout: string; stderr: string }>('hooks.test',
        { name: 'talker', deliveryId: 'dlv-one', runId: 'ui-run-1' });
      expect(run).toMatchObject({ runId: 'ui-run-1', hook: 'talker', exitCode: 0, stdout: 'out-1\nout-2\n', stderr: 'err-1\n' });
      const output = (stream: string) => events.frames.filter((f) => f.event === 'hookOutput' && f.data.runId === 'ui-run-1'
        && f.data.stream === stream).map((f) => f.data.text).join('');
      await until('the streamed output', () => output('stdout') === run.stdout && output('stderr') === run.stderr, 5000);
      // Streamed as it was written: the first line arrived in its own event, before the sleep.
      expect(events.frames.find((f) => f.event === 'hookOutput')!.data).toEqual({ runId: 'ui-run-1', stream: 'stdout', text: 'out-1\n' });
    } finally {
      events.close();
    }
    const generated = await result<{ runId: string }>('hooks.test', { name: 'write-marker', deliveryId: 'dlv-one' });
    expect(generated.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says which hook or delivery is missing', async () => {
    const noHook = await call('hooks.test', { name: 'say-hello', deliveryId: 'dlv-one' });
    expect(noHook.status).toBe(404);
    expect(JSON.parse(noHook.body).error).toContain('no enabled hook named "say-hello" (in force: write-marker, talker)');
    expect((await call('hooks.test', { name: 'talker', deliveryId: 'no-such' })).status).toBe(404);
  });
});

describe('deliveries.replayEdited', () => {
  it('runs the edited body as a new attempt of the same delivery id', async () => {
    const original = await result<{ id: number; attempt: number; body: string; attempts: unknown[] }>('deliveries.get', { id: 'dlv-one' });
    const payload = JSON.parse(original.body) as { data: { certificate: { commonName: string } } };
    payload.data.certificate.commonName = 'edited.example';
    const body = JSON.stringify(payload, null, 2);
    const replayed = await result<Record<string, unknown>>('deliveries.replayEdited', { id: 'dlv-one', body });
    expect(replayed).toMatchObject({ deliveryId: 'dlv-one', attempt: original.attempts.length + 1, outcome: 'accepted',
      remoteAddress: `edited replay of record ${original.id}`, body, bodySize: Buffer.byteLength(body),
      commonName: 'edited.example', signature: 'unverified' });
    expect((replayed.headers as Record<string, string>)['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(await result('deliveries.get', { id: String(replayed.id) })).toEqual(replayed);
    const raw = await result<{ base64: string }>('deliveries.raw', { id: String(replayed.id) });
    expect(Buffer.from(raw.base64, 'base64').toString()).toBe(body);
  });

  it('needs a JSON object body (400 with a message) and a known delivery (404)', async () => {
    for (const body of ['not json', '[1, 2]', 'null']) {
      const reply = await call('deliveries.replayEdited', { id: 'dlv-one', body });
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body).error).toMatch(/must be a JSON object/);
    }
    expect((await call('deliveries.replayEdited', { id: 'no-such', body: '{}' })).status).toBe(404);
  });
});

describe('notifications.test', () => {
  it('raises a test notification that appears in the history', async () => {
    const entry = await result<{ id: number; kind: string; title: string }>('notifications.test', {});
    expect(entry).toMatchObject({ kind: 'test', title: 'Test notification from Certbell' });
    const list = await result<{ id: number }[]>('notifications.list', { limit: 5 });
    expect(list[0]).toEqual(entry);
  });
});

describe('no secret value ever comes back', () => {
  it('in any response or pushed event', async () => {
    const events = await openEvents();
    expect((await send(NEW_SECRET, '--event', 'ssl_panel.issued', '--delivery-id', 'dlv-last')).code).toBe(0);
    await until('the delivery event', () => events.frames.some((f) => f.event === 'delivery' && f.data.deliveryId === 'dlv-last'), 5000);
    events.close();
    for (const [method, params] of [['settings.get'], ['status'], ['deliveries.list', { limit: 100 }],
      ['deliveries.get', { id: 'dlv-rotated' }], ['deliveries.get', { id: 'dlv-last' }], ['certificates.list'],
      ['notifications.list', { limit: 100 }], ['hooks.list'], ['settings.validate', { config: {} }]] as const) {
      await result(method, params);
    }
    expect(seen.length).toBeGreaterThan(20);
    for (const body of seen) {
      expect(body).not.toContain(NEW_SECRET);
      expect(body).not.toContain(SECRET);
    }
    expect(configText()).toContain(NEW_SECRET);
  });
});
