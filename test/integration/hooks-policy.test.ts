// SPEC §5 failure policy against a real `certbell serve` running real hook scripts: which hooks
// run, what the provider is answered, what `certbell delivery` records, and per-certificate order.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERTBELL_BIN, killAllServe, removeDir, runCertbell, startServe, tempDataDir, writeConfig, type ServeProcess } from '../helpers/certbell-process.ts';
import { certificateData, deliveryJson, readLines, runSummary, waitFor, writeScript } from '../helpers/hooks.ts';
import { post, signedDelivery } from '../helpers/http.ts';

const SECRET = 'hooks-policy-secret';
const POLICY_EVENTS = ['test.pre-fails', 'test.success-fails', 'test.post-fails'];

interface Server { dir: string; markers: string; serve: ServeProcess }

let strict: Server;
let lenient: Server;
let misc: Server;

/** One data dir with the scripts every server uses: mark.sh NAME EXIT, flaky.sh, slow.sh. */
function prepare(): { dir: string; markers: string; mark: string; flaky: string; slow: string } {
  const dir = tempDataDir();
  const markers = join(dir, 'markers');
  const scripts = join(dir, 'scripts');
  const mark = writeScript(scripts, 'mark.sh', `# mark.sh NAME EXIT: one line per run in $MARKERS/<delivery id>, then exit EXIT.
echo "$CERTBELL_STAGE $1\${CERTBELL_ERROR:+ error=$CERTBELL_ERROR}" >> "$MARKERS/$CERTBELL_DELIVERY_ID"
exit "$2"
`);
  const flaky = writeScript(scripts, 'flaky.sh', `# Fails until the test creates <delivery id>.allow.
echo "$CERTBELL_STAGE flaky" >> "$MARKERS/$CERTBELL_DELIVERY_ID"
[ -e "$MARKERS/$CERTBELL_DELIVERY_ID.allow" ]
`);
  const slow = writeScript(scripts, 'slow.sh', `# Start and end times (ms) in $MARKERS/timeline-<delivery id up to the first dot>.
log="$MARKERS/timeline-\${CERTBELL_DELIVERY_ID%%.*}"
echo "start $(date +%s%3N) $CERTBELL_DELIVERY_ID" >> "$log"
sleep 0.3
echo "end $(date +%s%3N) $CERTBELL_DELIVERY_ID" >> "$log"
`);
  mkdirSync(markers);
  return { dir, markers, mark, flaky, slow };
}

function hook(mark: string, markers: string, name: string, stage: string, events: string[] | undefined, exit = 0,
  extra: Record<string, unknown> = {}) {
  return { name, stage, ...(events ? { events } : {}), command: [mark, name, String(exit)], env: { MARKERS: markers }, ...extra };
}

/** In config order: a failing and a passing hook per stage, each failing one for its own event. */
function policyHooks(mark: string, markers: string) {
  return [
    hook(mark, markers, 'pre-fail', 'pre', ['test.pre-fails'], 3),
    hook(mark, markers, 'pre-ok', 'pre', POLICY_EVENTS),
    hook(mark, markers, 'success-fail', 'success', ['test.success-fails'], 4),
    hook(mark, markers, 'success-ok', 'success', POLICY_EVENTS),
    hook(mark, markers, 'post-fail', 'post', ['test.post-fails'], 5),
    hook(mark, markers, 'post-ok', 'post', POLICY_EVENTS),
  ];
}

async function startServer(build: (s: ReturnType<typeof prepare>) => Record<string, unknown>): Promise<Server> {
  const prepared = prepare();
  writeConfig(prepared.dir, { secrets: [{ label: 'primary', value: SECRET }], ...build(prepared) });
  try {
    return { dir: prepared.dir, markers: prepared.markers, serve: await startServe(prepared.dir) };
  } catch (error) {
    removeDir(prepared.dir);
    throw error;
  }
}

async function send(server: Server, deliveryId: string, event: string, certificateId = `cert-${deliveryId}`) {
  const { body, headers } = signedDelivery(SECRET, { deliveryId, event, data: certificateData(certificateId) });
  const res = await post(server.serve.webhook, body, headers);
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
}

const marks = (server: Server, deliveryId: string) => readLines(join(server.markers, deliveryId));

async function cliJson(server: Server, command: 'certificates' | 'notifications'): Promise<{ id: string; kind: string; deliveryId: string }[]> {
  const result = await runCertbell([command, '--json', '--data-dir', server.dir]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { id: string; kind: string; deliveryId: string }[];
}

beforeAll(async () => {
  [strict, lenient, misc] = await Promise.all([
    startServer(({ mark, markers }) => ({ allowPreHookFailure: false, allowSuccessHookFailure: false,
      allowPostHookFailure: false, hooks: policyHooks(mark, markers) })),
    // allowPostHookFailure left out: its default is true.
    startServer(({ mark, markers }) => ({ allowPreHookFailure: true, allowSuccessHookFailure: true,
      hooks: policyHooks(mark, markers) })),
    startServer(({ dir, mark, markers, flaky, slow }) => ({ hooks: [
      hook(mark, markers, 'disabled', 'pre', ['*'], 0, { enabled: false }),
      hook(mark, markers, 'every-event', 'pre', ['*']),
      hook(mark, markers, 'issued-only', 'pre', ['ssl_panel.issued']),
      hook(mark, markers, 'default-success', 'success', undefined),
      hook(mark, markers, 'default-post', 'post', undefined),
      { name: 'flaky', stage: 'pre', events: ['test.retry'], command: [flaky], env: { MARKERS: markers } },
      { name: 'slow', stage: 'pre', events: ['test.slow'], command: [slow], env: { MARKERS: markers } },
      // What a success and a post hook read of the inventory, with the CLI, while they run.
      ...(['success', 'post'] as const).map((stage) => ({ name: `peek-${stage}`, stage, events: ['ssl_panel.issued'],
        command: ['sh', '-c', `"$0" "$1" certificates --json > "$MARKERS/$CERTBELL_DELIVERY_ID.${stage}.json"`,
          process.execPath, CERTBELL_BIN], env: { MARKERS: markers, CERTBELL_DATA_DIR: dir } })),
    ] })),
  ]);
});

afterAll(async () => {
  await Promise.all([strict, lenient, misc].map((s) => s?.serve.stop()));
  killAllServe();
  for (const s of [strict, lenient, misc]) if (s) removeDir(s.dir);
});

describe('a failing hook whose failure is not allowed', () => {
  it('pre: 503 naming the hook, aborted, nothing after it runs', async () => {
    const res = await send(strict, 'strict-pre', 'test.pre-fails');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'hook failed', hook: 'pre-fail' });
    expect(marks(strict, 'strict-pre')).toEqual(['pre pre-fail']);
    const record = await deliveryJson(strict.dir, 'strict-pre');
    expect(record).toMatchObject({ outcome: 'aborted', status: 503 });
    expect(JSON.parse(record.response!)).toEqual({ error: 'hook failed', hook: 'pre-fail' });
    expect(runSummary(record.hookRuns)).toEqual(['pre pre-fail 3']);
    expect(record.error).toContain('pre-fail');
    // Stopped before apply (SPEC §5 step 1): no inventory change, and no notification.
    expect((await cliJson(strict, 'certificates')).map((c) => c.id)).not.toContain('cert-strict-pre');
    expect((await cliJson(strict, 'notifications')).filter((n) => n.deliveryId === 'strict-pre')).toEqual([]);
  });

  it('success: 503 naming the hook, aborted, post hooks not run', async () => {
    const res = await send(strict, 'strict-success', 'test.success-fails');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'hook failed', hook: 'success-fail' });
    expect(marks(strict, 'strict-success')).toEqual(['pre pre-ok', 'success success-fail']);
    const record = await deliveryJson(strict.dir, 'strict-success');
    expect(record.outcome).toBe('aborted');
    expect(runSummary(record.hookRuns)).toEqual(['pre pre-ok 0', 'success success-fail 4']);
    // Apply came before (SPEC §5 step 2) and stays: the provider's state changed. A hook notification is shown.
    expect((await cliJson(strict, 'certificates')).map((c) => c.id)).toContain('cert-strict-success');
    expect((await cliJson(strict, 'notifications')).filter((n) => n.deliveryId === 'strict-success').map((n) => n.kind))
      .toEqual(['hook']);
  });

  it('post (allowPostHookFailure false): 503 aborted, the other post hooks still run', async () => {
    const res = await send(strict, 'strict-post', 'test.post-fails');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'hook failed', hook: 'post-fail' });
    expect(marks(strict, 'strict-post')).toEqual(['pre pre-ok', 'success success-ok', 'post post-fail', 'post post-ok']);
    const record = await deliveryJson(strict.dir, 'strict-post');
    expect(record.outcome).toBe('aborted');
    expect(runSummary(record.hookRuns)).toEqual(['pre pre-ok 0', 'success success-ok 0', 'post post-fail 5', 'post post-ok 0']);
  });
});

describe('a failing hook whose failure is allowed', () => {
  it('pre: 200 accepted, the rest runs, post hooks are told which pre hook failed', async () => {
    const res = await send(lenient, 'lenient-pre', 'test.pre-fails');
    expect(res).toEqual({ status: 200, body: { status: 'accepted', delivery: 'lenient-pre' } });
    expect(marks(lenient, 'lenient-pre')).toEqual(['pre pre-fail', 'pre pre-ok', 'success success-ok',
      'post post-ok error=pre-fail: exited with 3']);
    const record = await deliveryJson(lenient.dir, 'lenient-pre');
    expect(record).toMatchObject({ outcome: 'accepted', status: 200 });
    expect(runSummary(record.hookRuns)).toEqual(['pre pre-fail 3', 'pre pre-ok 0', 'success success-ok 0', 'post post-ok 0']);
  });

  it('success: 200 accepted, post hooks run and are told which success hook failed', async () => {
    const res = await send(lenient, 'lenient-success', 'test.success-fails');
    expect(res).toEqual({ status: 200, body: { status: 'accepted', delivery: 'lenient-success' } });
    expect(marks(lenient, 'lenient-success')).toEqual(['pre pre-ok', 'success success-fail', 'success success-ok',
      'post post-ok error=success-fail: exited with 4']);
    const record = await deliveryJson(lenient.dir, 'lenient-success');
    expect(record.outcome).toBe('accepted');
    expect(runSummary(record.hookRuns)).toEqual(['pre pre-ok 0', 'success success-fail 4', 'success success-ok 0', 'post post-ok 0']);
  });

  it('post (the default): 200 accepted, the failure is recorded', async () => {
    const res = await send(lenient, 'lenient-post', 'test.post-fails');
    expect(res).toEqual({ status: 200, body: { status: 'accepted', delivery: 'lenient-post' } });
    expect(marks(lenient, 'lenient-post')).toEqual(['pre pre-ok', 'success success-ok', 'post post-fail', 'post post-ok']);
    const record = await deliveryJson(lenient.dir, 'lenient-post');
    expect(record.outcome).toBe('accepted');
    expect(runSummary(record.hookRuns)).toEqual(['pre pre-ok 0', 'success success-ok 0', 'post post-fail 5', 'post post-ok 0']);
  });
});

describe('retries, event filters, disabled hooks', () => {
  it('an aborted delivery sent again is a new attempt that runs the hooks again; once accepted, the next is a duplicate', async () => {
    const first = await send(misc, 'retry-1', 'test.retry');
    expect(first).toEqual({ status: 503, body: { error: 'hook failed', hook: 'flaky' } });
    expect(marks(misc, 'retry-1')).toEqual(['pre every-event', 'pre flaky']);

    writeFileSync(join(misc.markers, 'retry-1.allow'), '');
    const second = await send(misc, 'retry-1', 'test.retry');
    expect(second).toEqual({ status: 200, body: { status: 'accepted', delivery: 'retry-1' } });
    expect(marks(misc, 'retry-1')).toEqual(['pre every-event', 'pre flaky', 'pre every-event', 'pre flaky', 'post default-post']);
    const accepted = await deliveryJson(misc.dir, 'retry-1');
    expect(accepted).toMatchObject({ attempt: 2, outcome: 'accepted' });
    expect(runSummary(accepted.hookRuns)).toEqual(['pre every-event 0', 'pre flaky 0', 'post default-post 0']);

    const third = await send(misc, 'retry-1', 'test.retry');
    expect(third).toEqual({ status: 200, body: { status: 'duplicate', delivery: 'retry-1' } });
    expect(marks(misc, 'retry-1')).toHaveLength(5);
    const duplicate = await deliveryJson(misc.dir, 'retry-1');
    expect(duplicate).toMatchObject({ attempt: 3, outcome: 'duplicate', hookRuns: [] });
    expect(duplicate.attempts.map((a) => `${a.attempt} ${a.outcome} ${a.status}`))
      .toEqual(['1 aborted 503', '2 accepted 200', '3 duplicate 200']);
    const firstAttempt = await deliveryJson(misc.dir, duplicate.attempts[0].id);
    expect(runSummary(firstAttempt.hookRuns)).toEqual(['pre every-event 0', 'pre flaky 1']);
  });

  it('runs a hook only for the events it names; "*" and the defaults for the rest', async () => {
    expect((await send(misc, 'events-created', 'ssl_panel.created')).status).toBe(200);
    expect(marks(misc, 'events-created')).toEqual(['pre every-event', 'post default-post']);
    expect(runSummary((await deliveryJson(misc.dir, 'events-created')).hookRuns))
      .toEqual(['pre every-event 0', 'post default-post 0']);

    expect((await send(misc, 'events-issued', 'ssl_panel.issued')).status).toBe(200);
    expect(marks(misc, 'events-issued')).toEqual(['pre every-event', 'pre issued-only', 'success default-success',
      'post default-post']);

    expect((await send(misc, 'events-ping', 'ping')).status).toBe(200);
    expect(marks(misc, 'events-ping')).toEqual(['pre every-event', 'post default-post']);
  });

  it('never runs a disabled hook, even for an event it would match', async () => {
    expect((await send(misc, 'disabled-1', 'ssl_panel.issued')).status).toBe(200);
    expect(marks(misc, 'disabled-1')).not.toContain('pre disabled');
    expect(marks(misc, 'disabled-1')[0]).toBe('pre every-event');
    const record = await deliveryJson(misc.dir, 'disabled-1');
    expect(record.hookRuns.map((r) => r.hook)).not.toContain('disabled');
  });
});

interface Span { id: string; start: number; end: number }

function timeline(server: Server, name: string): { lines: string[]; spans: Map<string, Span> } {
  const lines = readLines(join(server.markers, `timeline-${name}`));
  const spans = new Map<string, Span>();
  for (const line of lines) {
    const [kind, ms, id] = line.split(' ');
    const span = spans.get(id) ?? { id, start: NaN, end: NaN };
    span[kind as 'start' | 'end'] = Number(ms);
    spans.set(id, span);
  }
  return { lines: lines.map((l) => l.replace(/ \d+ /, ' ')), spans };
}

describe('apply before success and post hooks', () => {
  it('has the inventory change in the store when success and post hooks run', async () => {
    expect((await send(misc, 'peek-1', 'ssl_panel.issued', 'cert-peek')).status).toBe(200);
    for (const stage of ['success', 'post']) {
      const seen = JSON.parse(readFileSync(join(misc.markers, `peek-1.${stage}.json`), 'utf8')) as { id: string; lastEvent: string }[];
      expect(seen.find((c) => c.id === 'cert-peek'), stage).toMatchObject({ lastEvent: 'ssl_panel.issued' });
    }
  });
});

describe('per-certificate order', () => {
  it('runs deliveries for one certificate one at a time, in arrival order', async () => {
    const first = send(misc, 'serial.1', 'test.slow', 'cert-serial');
    await waitFor(() => timeline(misc, 'serial').lines.length > 0, 5000, 'the first slow hook to start');
    const second = send(misc, 'serial.2', 'test.slow', 'cert-serial');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const third = send(misc, 'serial.3', 'test.slow', 'cert-serial');
    const answers = await Promise.all([first, second, third]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);

    const { lines, spans } = timeline(misc, 'serial');
    expect(lines).toEqual(['start serial.1', 'end serial.1', 'start serial.2', 'end serial.2', 'start serial.3', 'end serial.3']);
    expect(spans.get('serial.2')!.start).toBeGreaterThanOrEqual(spans.get('serial.1')!.end);
    expect(spans.get('serial.3')!.start).toBeGreaterThanOrEqual(spans.get('serial.2')!.end);
  });

  it('runs deliveries for different certificates in parallel', async () => {
    const answers = await Promise.all([send(misc, 'parallel.a', 'test.slow', 'cert-a'), send(misc, 'parallel.b', 'test.slow', 'cert-b')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const { spans } = timeline(misc, 'parallel');
    const a = spans.get('parallel.a')!;
    const b = spans.get('parallel.b')!;
    expect(a.start).toBeLessThan(b.end);
    expect(b.start).toBeLessThan(a.end);
  });
});
