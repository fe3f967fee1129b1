/**
 * The deployment check (SPEC §12) against real TLS servers on 127.0.0.1 with certificates made
 * by openssl: a core with its own clock (so the grace time can pass), deliveries through its
 * listener, checks on demand and by the schedule, the notifications they raise.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { silentLogger } from '../../electron/core/logger.ts';
import { RecordingNotifier } from '../helpers/recording-notifier.ts';
import type { ShownNotification } from '../../shared/notify/types.ts';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { post, signedDelivery } from '../helpers/http.ts';
import { until } from '../helpers/polling.ts';
import { closedPort, makeCertificate, startBlackHole, startTlsServer, type TestCertificate } from '../helpers/tls-fixtures.ts';

const SECRET = 'deployment-secret';
const HOUR = 3_600_000;
const NAME = 'shop.example.nl';


let issued: TestCertificate;
let previous: TestCertificate;
let expiringSoon: TestCertificate;
let otherName: TestCertificate;
let unknown: TestCertificate;

beforeAll(async () => {
  [issued, previous, expiringSoon, otherName, unknown] = await Promise.all([
    makeCertificate({ commonName: NAME, days: 90 }),
    makeCertificate({ commonName: NAME, days: 40 }),
    makeCertificate({ commonName: NAME, days: 5 }),
    makeCertificate({ commonName: 'other.example.nl', days: 90 }),
    makeCertificate({ commonName: NAME, days: 60 }),
  ]);
}, 60_000);

interface Setup {
  core: Core;
  dir: string;
  notifier: RecordingNotifier;
  clock: { now: number };
  deliver(cert: TestCertificate, id?: string): Promise<void>;
  deploymentShown(): ShownNotification[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });
afterAll(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

let certificateCount = 0;

async function setup(targets: string[], deployment: Record<string, unknown> = {}): Promise<Setup> {
  const dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }],
    deployment: { targets: { [NAME]: targets }, timeoutMs: 1000, ...deployment } });
  const notifier = new RecordingNotifier();
  const clock = { now: Date.now() };
  const core = await createCore({ dataDir: dir, logger: silentLogger, port: 0, notifier, now: () => clock.now,
    deployment: { afterIssuedMs: 60_000 } });
  cleanups.push(async () => { await core.stop(); removeDir(dir); });
  const certificateId = `cert-${++certificateCount}`;
  return {
    core, dir, notifier, clock,
    async deliver(cert, id = `issued-${Math.random().toString(36).slice(2)}`) {
      const { body, headers } = signedDelivery(SECRET, { deliveryId: id, event: 'ssl_panel.issued', data: { id: `order-${certificateId}`,
        status: 'ACT', certificate: { id: certificateId, commonName: NAME, status: 'active', operation: 'none',
          certificates: { main: cert.certPem, intermediate: null, root: null } } } });
      const res = await post(core.webhookUrl(), body, headers);
      expect(res.status, res.body).toBe(200);
    },
    deploymentShown: () => notifier.shown.filter((n) => n.kind === 'deployment'),
  };
}

/** Lets the notification centre show what the round raised (it gathers bursts for 750 ms). */
const shownSoon = (s: Setup, count: number) => until(`${count} deployment notification(s)`, () => {
  const shown = s.deploymentShown();
  return shown.length >= count ? shown : undefined;
}, 5000);
const quiet = () => new Promise((r) => setTimeout(r, 1000));

async function server(cert: TestCertificate) {
  const tls = await startTlsServer(cert);
  cleanups.push(() => tls.close());
  return tls;
}

describe('deployment check against real TLS servers', () => {
  it('says served when the host serves the issued certificate, and puts it in the inventory', async () => {
    const host = await server(issued);
    const s = await setup([host.target]);
    await s.deliver(issued);
    const [result] = await s.core.services.deployment.check();
    expect(result).toMatchObject({ name: NAME, target: host.target, state: 'served', servedFingerprint: issued.fingerprint256,
      issuedFingerprint: issued.fingerprint256, servedNotAfter: issued.notAfter, chainVerified: false, error: null });
    expect(result.chainError).toMatch(/SELF_SIGNED/);
    expect(s.core.services.certificates.list()[0].deployment).toBe('served');
    await quiet();
    expect(s.deploymentShown()).toEqual([]);
  });

  it('says old while the previous certificate is served: no notification within the grace time, one after it, not repeated', async () => {
    const host = await server(previous);
    const s = await setup([host.target]);
    await s.deliver(issued);
    const [early] = await s.core.services.deployment.check();
    expect(early).toMatchObject({ state: 'old', servedFingerprint: previous.fingerprint256, servedNotAfter: previous.notAfter });
    await quiet();
    expect(s.deploymentShown()).toEqual([]);

    s.clock.now += 3 * HOUR;
    await s.core.services.deployment.check();
    const [shown] = await shownSoon(s, 1);
    expect(shown.title).toBe(`Not deployed: ${NAME}`);
    expect(shown.body).toBe(`${NAME}: issued 3 h ago, ${host.target} still serves the certificate that expires on ${previous.notAfter.slice(0, 10)}.`);
    const history = s.core.services.notifications.list(10).filter((n) => n.kind === 'deployment');
    expect(history).toHaveLength(1);

    s.clock.now += 6 * HOUR;
    await s.core.services.deployment.check();
    await quiet();
    expect(s.deploymentShown()).toHaveLength(1);
    expect(s.core.services.deployment.history(s.core.services.certificates.list()[0].id).map((r) => r.state)).toEqual(['old', 'old', 'old']);
  });

  it('says wrong-name for a certificate that does not cover the name', async () => {
    const host = await server(otherName);
    const s = await setup([host.target], { graceHours: 0 });
    await s.deliver(issued);
    const [result] = await s.core.services.deployment.check();
    expect(result).toMatchObject({ state: 'wrong-name', servedFingerprint: otherName.fingerprint256 });
    const [shown] = await shownSoon(s, 1);
    expect(shown.title).toBe(`Wrong certificate served: ${NAME}`);
  });

  it('says unreachable for a closed port and for a server that never completes the handshake, within timeoutMs', async () => {
    const hole = await startBlackHole();
    cleanups.push(() => hole.close());
    const closed = `127.0.0.1:${await closedPort()}`;
    const s = await setup([closed, hole.target], { graceHours: 0 });
    await s.deliver(issued);
    const started = Date.now();
    const results = await s.core.services.deployment.check();
    expect(Date.now() - started).toBeLessThan(3000);
    const byTarget = new Map(results.map((r) => [r.target, r]));
    expect(byTarget.get(closed)).toMatchObject({ state: 'unreachable', error: 'connection refused', servedFingerprint: null });
    expect(byTarget.get(hole.target)).toMatchObject({ state: 'unreachable', error: 'no TLS handshake within 1000 ms' });
    expect(byTarget.get(hole.target)!.durationMs).toBeGreaterThanOrEqual(990);
    expect(s.core.services.certificates.list()[0].deployment).toBe('unreachable');
    await quiet();
    expect(s.deploymentShown()).toEqual([]);
  });

  it('notifies at once when the served certificate changes to one that is not the issued one', async () => {
    const host = await server(issued);
    const s = await setup([host.target]);
    await s.deliver(issued);
    expect((await s.core.services.deployment.check())[0].state).toBe('served');
    host.swap(unknown);
    const [after] = await s.core.services.deployment.check();
    expect(after).toMatchObject({ state: 'old', servedFingerprint: unknown.fingerprint256 });
    const [shown] = await shownSoon(s, 1);
    expect(shown.title).toBe(`Served certificate changed: ${NAME}`);
    expect(shown.body).toContain(`${host.target} now serves another certificate for ${NAME}`);
  });

  it('applies the expiry thresholds to the served certificate while the issued one is fresh', async () => {
    const host = await server(expiringSoon);
    const s = await setup([host.target], { graceHours: 0 });
    await s.deliver(issued);
    await s.core.services.deployment.check();
    const [shown] = await shownSoon(s, 1);
    expect(shown.body).toMatch(/still serves the certificate that expires on \d{4}-\d\d-\d\d\. That one expires in [45] days\./);
    expect(shown.urgency).toBe('critical');
    const [certificate] = s.core.services.certificates.list();
    expect(certificate.daysLeft).toBeGreaterThan(80);
    expect(certificate.deployment).toBe('old');
    // The served certificate's next threshold is its own notification.
    s.clock.now += 3 * 24 * HOUR;
    await s.core.services.deployment.check();
    const shownNow = await shownSoon(s, 2);
    expect(shownNow[1].title).toBe(`Served certificate expiring: ${NAME}`);
  });

  it('checks by itself: shortly after a new issued certificate, and again at start', async () => {
    const host = await server(previous);
    const dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }], deployment: { targets: { [NAME]: [host.target] }, timeoutMs: 1000 } });
    cleanups.push(() => removeDir(dir));
    const open = () => createCore({ dataDir: dir, logger: silentLogger, port: 0, deployment: { afterIssuedMs: 50 } });
    let core = await open();
    const { body, headers } = signedDelivery(SECRET, { event: 'ssl_panel.issued', data: { id: 'order-auto', status: 'ACT',
      certificate: { id: 'cert-auto', commonName: NAME, status: 'active', operation: 'none', certificates: { main: issued.certPem } } } });
    expect((await post(core.webhookUrl(), body, headers)).status).toBe(200);
    await until('a check after the issued delivery', () => core.services.deployment.list('cert-auto')[0], 5000);
    await core.deployment.idle();
    await core.stop();
    const connectionsBefore = host.connections();
    core = await open();
    cleanups.push(() => core.stop());
    await until('a check at start', () => host.connections() > connectionsBefore || undefined, 5000);
    await core.deployment.idle();
    expect(core.services.deployment.history('cert-auto')).toHaveLength(2);
  });

  it('opens no more sockets at once than its limit', async () => {
    const host = await server(issued);
    // Forty names (the common name and 39 SANs), each checked at the same server.
    const many = await makeCertificate({ commonName: NAME, dnsNames: [NAME, ...Array.from({ length: 39 }, (_, i) => `n${i}.example.nl`)] });
    const dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }], deployment: { timeoutMs: 2000,
      targets: Object.fromEntries([NAME, ...Array.from({ length: 39 }, (_, i) => `n${i}.example.nl`)].map((n) => [n, [host.target]])) } });
    cleanups.push(() => removeDir(dir));
    const core = await createCore({ dataDir: dir, logger: silentLogger, port: 0, deployment: { concurrency: 8, spacingMs: 0, afterIssuedMs: 60_000 } });
    cleanups.push(() => core.stop());
    const { body, headers } = signedDelivery(SECRET, { event: 'ssl_panel.issued', data: { id: 'order-many', status: 'ACT',
      certificate: { id: 'cert-many', commonName: NAME, status: 'active', operation: 'none', certificates: { main: many.certPem } } } });
    expect((await post(core.webhookUrl(), body, headers)).status).toBe(200);
    const results = await core.services.deployment.check('cert-many');
    expect(results).toHaveLength(40);
    expect(host.maxOpen()).toBeLessThanOrEqual(8);
    expect(host.maxOpen()).toBeGreaterThan(1);
  });
});
