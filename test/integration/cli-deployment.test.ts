/**
 * `certbell deployment` and `certificates --json` (SPEC §12) as a user runs them: real processes on
 * a data directory whose delivery was taken by `certbell serve`, a real TLS server serving the
 * previous certificate.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCertbell, startServe, tempDataDir } from '../helpers/certbell-process.ts';
import { signedDelivery } from '../helpers/http.ts';
import { makeCertificate, startTlsServer, type TlsServer, type TestCertificate } from '../helpers/tls-fixtures.ts';

const SECRET = 'cli-deployment';
const NAME = 'api.example.nl';
let dir: string;
let host: TlsServer;
let issued: TestCertificate;
let previous: TestCertificate;
const certbell = (...args: string[]) => runCertbell([...args, '--data-dir', dir]);

beforeAll(async () => {
  [issued, previous] = await Promise.all([makeCertificate({ commonName: NAME }), makeCertificate({ commonName: NAME, days: 20 })]);
  host = await startTlsServer(previous);
  dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }], deployment: { targets: { [NAME]: [host.target] }, graceHours: 0 } });
  const serve = await startServe(dir);
  try {
    const { body } = signedDelivery(SECRET, { deliveryId: 'cli-issued', event: 'ssl_panel.issued', data: { id: 'order-cli', status: 'ACT',
      certificate: { id: 'cert-cli', commonName: NAME, status: 'active', operation: 'none', certificates: { main: issued.certPem } } } });
    const file = join(dir, 'issued.json');
    writeFileSync(file, body);
    const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--sign', 'body', '--file', file, '--data-dir', dir]);
    expect(sent.code, sent.stderr).toBe(0);
  } finally {
    await serve.stop();
  }
}, 60_000);

afterAll(async () => {
  await host?.close();
  if (dir) removeDir(dir);
});

describe('certbell deployment', () => {
  it('says there is nothing yet before a check, and null in certificates --json', async () => {
    const listed = await certbell('deployment');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe('No deployment results yet. Run "certbell deployment --check" to check now.\n');
    const [certificate] = JSON.parse((await certbell('certificates', '--json')).stdout) as { deployment: unknown }[];
    expect(certificate.deployment).toBeNull();
  });

  it('--check --json: checks now and prints exactly the fields of SPEC §12', async () => {
    const checked = await certbell('deployment', '--check', '--json');
    expect(checked.code, checked.stderr).toBe(0);
    const rows = JSON.parse(checked.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['certificateId', 'commonName', 'target', 'state', 'servedFingerprint',
      'issuedFingerprint', 'servedNotAfter', 'checkedAt', 'error']));
    expect(rows[0]).toMatchObject({ certificateId: 'cert-cli', commonName: NAME, target: host.target, state: 'old',
      servedFingerprint: previous.fingerprint256, issuedFingerprint: issued.fingerprint256, servedNotAfter: previous.notAfter, error: null });
    expect(Date.parse(rows[0].checkedAt as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('keeps the result: the table, certificates --json and the notification it raised', async () => {
    const table = await certbell('deployment');
    expect(table.stdout).toMatch(new RegExp(`${NAME}\\s+${NAME}\\s+127\\.0\\.0\\.1:${host.port}\\s+old \\(old certificate served\\)\\s+${previous.notAfter.slice(0, 10)}`));
    const [certificate] = JSON.parse((await certbell('certificates', '--json')).stdout) as { deployment: unknown }[];
    expect(certificate.deployment).toBe('old');
    const notifications = JSON.parse((await certbell('notifications', '--json')).stdout) as { kind: string; title: string; body: string }[];
    const deployment = notifications.filter((n) => n.kind === 'deployment');
    expect(deployment.map((n) => n.title)).toEqual([`Not deployed: ${NAME}`]);
    expect(deployment[0].body).toMatch(new RegExp(`^${NAME.replace(/\./g, '\\.')}: issued (just now|\\d+ min ago), 127\\.0\\.0\\.1:${host.port} still serves the certificate that expires on ${previous.notAfter.slice(0, 10)}\\. That one expires in 20 days\\.$`));
  });

  it('turns served once the host serves the issued certificate, with no new notification', async () => {
    host.swap(issued);
    const checked = await certbell('deployment', '--check', '--certificate', 'cert-cli', '--json');
    expect((JSON.parse(checked.stdout) as { state: string }[])[0].state).toBe('served');
    const notifications = JSON.parse((await certbell('notifications', '--json')).stdout) as { kind: string }[];
    expect(notifications.filter((n) => n.kind === 'deployment')).toHaveLength(1);
  });

  it('refuses an unknown certificate (exit 1) and an empty one (exit 2)', async () => {
    const unknown = await certbell('deployment', '--certificate', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no certificate nope');
    expect((await certbell('deployment', '--certificate', '')).code).toBe(2);
  });
});
