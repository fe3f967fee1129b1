// Issue 22 through a real `certbell serve`: a failed renewal stays flagged on its certificate until a
// later issue, and an active certificate past its expiry reads Expired, in `certbell certificates`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, type ServeProcess } from '../helpers/certbell-process.ts';
import { post, signedDelivery } from '../helpers/http.ts';

const SECRET = 'failures-secret';
let dir: string;
let serve: ServeProcess;
const cli = (...args: string[]) => runCertbell([...args, '--data-dir', dir]);

beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }] });
  serve = await startServe(dir);
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  removeDir(dir);
});

async function send(event: string, commonName: string): Promise<void> {
  const sent = await cli('send', '--url', serve.webhook, '--secret', SECRET, '--event', event, '--common-name', commonName);
  expect(sent.code, sent.stdout + sent.stderr).toBe(0);
}

interface Row { commonName: string; statusText: string; failure: { operation: string; event: string } | null }

async function row(commonName: string): Promise<{ json: Row; line: string }> {
  const json = (JSON.parse((await cli('certificates', '--json')).stdout) as Row[]).find((c) => c.commonName === commonName)!;
  const line = (await cli('certificates')).stdout.split('\n').find((l) => l.startsWith(`${commonName} `))!;
  return { json, line };
}

describe('certificates needing attention after a failure', () => {
  it('a renewal failure is flagged, and a later issue resolves it', async () => {
    await send('ssl_panel.issued', 'renew.example.com');
    await send('ssl_panel.renew_failed', 'renew.example.com');
    let shown = await row('renew.example.com');
    expect(shown.json).toMatchObject({ statusText: 'Active', failure: { operation: 'renewal', event: 'ssl_panel.renew_failed' } });
    expect(shown.line).toMatch(/ renewal failed /);
    // Other news about the certificate does not resolve it: the failure is kept with the certificate.
    await send('ssl_panel.will_expire_in_30_days', 'renew.example.com');
    await serve.stop();
    serve = await startServe(dir);
    shown = await row('renew.example.com');
    expect(shown.json.failure).toMatchObject({ operation: 'renewal', event: 'ssl_panel.renew_failed' });
    expect(shown.line).toMatch(/ renewal failed\b/);
    await send('ssl_panel.issued', 'renew.example.com');
    shown = await row('renew.example.com');
    expect(shown.json.failure).toBeNull();
    expect(shown.line).not.toContain('failed');
  });

  it('a reissue failure is flagged as such', async () => {
    await send('ssl_panel.reissue_failed', 'reissue.example.com');
    expect((await row('reissue.example.com')).line).toMatch(/ reissue failed /);
  });

  it('an active certificate whose expiry has passed reads Expired, not Active', async () => {
    const { body, headers } = signedDelivery(SECRET, { event: 'ssl_panel.issued', data: { id: 'order-old', status: 'open',
      certificate: { id: 'cert-old', commonName: 'old.example.com', status: 'active', operation: 'none', expireAt: '2026-01-01T00:00:00Z' } } });
    expect((await post(serve.webhook, body, headers)).status).toBe(200);
    const shown = await row('old.example.com');
    expect(shown.json.statusText).toBe('Expired');
    expect(shown.line).toMatch(/^old\.example\.com\s+Expired\s+2026-01-01\s+-\d+\s+-\s+expired \d+ days ago /);
  });
});
