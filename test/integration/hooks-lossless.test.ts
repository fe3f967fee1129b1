// SPEC §11 "lossless": a validly signed delivery is stored and answered by the failure policy,
// never with a 500 for what it holds — a NUL in a field, a field of 200,000 characters — with a
// pre hook configured; and hook processes across certificates are capped by maxConcurrentHooks.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, startServe, tempDataDir, writeConfig, type ServeProcess } from '../helpers/certbell-process.ts';
import { deliveryJson, writeScript } from '../helpers/hooks.ts';
import { hmac, post } from '../helpers/http.ts';

const SECRET = 'lossless-secret';
let dir: string;
let out: string;
let serve: ServeProcess;

function delivery(id: string, event: string, certificate: Record<string, unknown>) {
  const body = JSON.stringify({ metadata: { delivery: id, event },
    data: { id: `order-${id}`, status: 'ACT', certificate: { id: `cert-${id}`, status: 'active', ...certificate } } });
  return post(serve.webhook, body, { Signature: `sha256=${hmac(SECRET, body)}` });
}

beforeAll(async () => {
  dir = tempDataDir();
  out = join(dir, 'out');
  mkdirSync(out);
  const probe = writeScript(join(dir, 'scripts'), 'probe.sh',
    'printf "%s" "$CERTBELL_COMMON_NAME" > "$OUT/$CERTBELL_DELIVERY_ID.cn"\ncat > "$OUT/$CERTBELL_DELIVERY_ID.stdin"\n');
  const overlap = writeScript(join(dir, 'scripts'), 'overlap.sh',
    'echo "start $(date +%s%N)" >> "$OUT/$CERTBELL_DELIVERY_ID.times"\nsleep 0.4\necho "end $(date +%s%N)" >> "$OUT/$CERTBELL_DELIVERY_ID.times"\n');
  writeConfig(dir, {
    secrets: [{ label: 'k', value: SECRET }],
    maxConcurrentHooks: 2,
    hooks: [
      { name: 'probe', stage: 'pre', events: ['test.values'], command: [probe], env: { OUT: out } },
      // A value the hook's own config gives can hold what the system refuses too: the run fails, clearly.
      { name: 'nul-argument', stage: 'pre', events: ['test.bad-argument'], command: ['/bin/echo', 'a\u0000b'] },
      { name: 'overlap', stage: 'pre', events: ['test.overlap'], command: [overlap], env: { OUT: out } },
    ],
  });
  serve = await startServe(dir);
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  removeDir(dir);
});

describe('a validly signed delivery is never lost for its content', () => {
  it('a NUL in the common name: stored, accepted, the hook given the name without the NUL and the whole body on stdin', async () => {
    const res = await delivery('nul-cn', 'test.values', { commonName: 'evil\u0000.example' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'accepted', delivery: 'nul-cn' });
    const record = await deliveryJson(dir, 'nul-cn');
    expect(record).toMatchObject({ outcome: 'accepted', status: 200 });
    expect(record.hookRuns).toMatchObject([{ hook: 'probe', exitCode: 0, error: null }]);
    expect(readFileSync(join(out, 'nul-cn.cn'), 'utf8')).toBe('evil.example');
    expect(JSON.parse(readFileSync(join(out, 'nul-cn.stdin'), 'utf8')).data.certificate.commonName).toBe('evil\u0000.example');
  });

  it('a 200,000-character field: stored, accepted, the variable cut at 32 KiB, the full value on stdin', async () => {
    const long = `${'a'.repeat(199_990)}.example`;
    const res = await delivery('long-cn', 'test.values', { commonName: long });
    expect(res.status).toBe(200);
    expect((await deliveryJson(dir, 'long-cn')).hookRuns).toMatchObject([{ hook: 'probe', exitCode: 0, error: null }]);
    expect(readFileSync(join(out, 'long-cn.cn'), 'utf8')).toBe(long.slice(0, 32 * 1024));
    expect(JSON.parse(readFileSync(join(out, 'long-cn.stdin'), 'utf8')).data.certificate.commonName).toBe(long);
  });

  it('a hook that cannot start is a failed run with its reason: 503 by the pre-hook policy, stored as aborted', async () => {
    const res = await delivery('bad-argument', 'test.bad-argument', { commonName: 'x.example' });
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({ error: 'hook failed', hook: 'nul-argument' });
    const record = await deliveryJson(dir, 'bad-argument');
    expect(record.outcome).toBe('aborted');
    expect(record.hookRuns[0].error).toMatch(/^could not start: /);
  });
});

describe('maxConcurrentHooks', () => {
  it('runs at most that many hook processes at once across certificates, all of them in the end', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `overlap-${i}`);
    const answers = await Promise.all(ids.map((id) => delivery(id, 'test.overlap', { commonName: `${id}.example` })));
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    const spans = readdirSync(out).filter((f) => f.endsWith('.times')).map((f) => {
      const lines = readFileSync(join(out, f), 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[1]) / 1e6);
      return { start: lines[0], end: lines[1] };
    });
    expect(spans).toHaveLength(6);
    const most = Math.max(...spans.map((s) => spans.filter((o) => o.start <= s.start && s.start < o.end).length));
    expect(most).toBe(2);
  });
});
