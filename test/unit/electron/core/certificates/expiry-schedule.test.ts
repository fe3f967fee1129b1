// Certbell's own expiry warnings (SPEC §7) over days of wall-clock time: each threshold once,
// "expired" once, remembered across restarts, and checked on resume from sleep.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CertificateRecord } from '../../../../../electron/core/certificates/certificate-types.ts';
import { ExpirySchedule, type ExpiryScheduleDeps } from '../../../../../electron/core/certificates/expiry-schedule.ts';
import { mergeCertificate } from '../../../../../electron/core/certificates/inventory.ts';
import type { Logger } from '../../../../../electron/core/logger.ts';
import { openDatabaseSync } from '../../../../../electron/core/store/database.ts';
import { DeliveryStore } from '../../../../../electron/core/store/delivery-store.ts';
import type { NewNotification } from '../../../../../electron/core/store/delivery-types.ts';
import type { NotificationDecision } from '../../../../../shared/notify/types.ts';
import { SAMPLE_MAIN_NOT_AFTER } from '../../../../../shared/openprovider/sample-chain.ts';
import { sampleDelivery } from '../../../../../shared/openprovider/samples.ts';
import { openTempStore, type TempStore } from '../store/store-fixtures.ts';

const EXPIRE_MS = Date.parse(SAMPLE_MAIN_NOT_AFTER);
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A center that shows nothing but records what it was asked, and marks every row shown. */
function recordingCenter() {
  const prepared: NotificationDecision[] = [];
  const released: NotificationDecision[] = [];
  return {
    prepared, released,
    prepare(decisions: NotificationDecision[]): NewNotification[] {
      prepared.push(...decisions);
      return decisions.map((d) => ({ kind: d.kind, title: d.title, body: d.body, urgency: d.urgency, certificateId: d.certificateId,
        deliveryId: d.deliveryId, createdAt: wall, shown: true, reason: null }));
    },
    release(decisions: NotificationDecision[]) { released.push(...decisions); },
  };
}

let t: TempStore;
let wall: number;
let mono: number;
let logged: string[];
const logger: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };

function schedule(center = recordingCenter(), store: DeliveryStore = t.store, over: Partial<ExpiryScheduleDeps> = {}) {
  const expiry = new ExpirySchedule({ store, center, serialize: (id, work) => work(store.certificates.get(id)), thresholds: () => [30, 14, 7, 3, 1],
    now: () => wall, monotonic: () => mono, logger, ...over });
  return { expiry, center };
}

/** Stores a certificate as an issued delivery for `commonName` leaves it. */
async function addCertificate(commonName: string, event = 'ssl_panel.issued'): Promise<CertificateRecord> {
  const parsed = sampleDelivery(event, { deliveryId: `${commonName}-1`, commonName, now: new Date(EXPIRE_MS - 365 * DAY) });
  const record = mergeCertificate(null, { event, parsed, deliveryId: `${commonName}-1`, eventAt: 0, now: 0 })!;
  await t.store.note([], record);
  return record;
}

/** Moves both clocks to `days` before the expiry (negative: after), plus one hour, and checks. */
async function checkAt(expiry: ExpirySchedule, days: number): Promise<number> {
  const to = EXPIRE_MS - days * DAY + HOUR;
  mono += to - wall;
  wall = to;
  return expiry.check();
}

const bodies = (decisions: NotificationDecision[]) => decisions.map((d) => d.body);

beforeEach(() => { t = openTempStore(); wall = EXPIRE_MS - 60 * DAY; mono = 1_000; logged = []; });
afterEach(() => t.cleanup());

describe('day by day towards the expiry', () => {
  it('warns once at each threshold and once when expired', async () => {
    await addCertificate('shop.example.org');
    const { expiry, center } = schedule();
    const raisedOn: number[] = [];
    for (let days = 35; days >= -3; days--) if (await checkAt(expiry, days) > 0) raisedOn.push(days);
    for (let again = 0; again < 3; again++) expect(await checkAt(expiry, -3)).toBe(0);
    expect(raisedOn).toEqual([30, 14, 7, 3, 1, 0]);
    expect(bodies(center.released)).toEqual([
      'shop.example.org expires in 30 days, on 2027-12-25.', 'shop.example.org expires in 14 days, on 2027-12-25.',
      'shop.example.org expires in 7 days, on 2027-12-25.', 'shop.example.org expires in 3 days, on 2027-12-25.',
      'shop.example.org expires in 1 day, on 2027-12-25.', 'shop.example.org expired on 2027-12-25. Renew or replace it.']);
    expect(center.released.map((d) => d.urgency)).toEqual(['normal', 'normal', 'normal', 'normal', 'normal', 'critical']);
  });

  it('keeps the history and what was notified in the store, so a restart does not repeat a warning', async () => {
    const certificate = await addCertificate('shop.example.org');
    const first = schedule();
    await checkAt(first.expiry, 20);
    await checkAt(first.expiry, 13);
    expect(t.store.certificates.get(certificate.id)?.expiry).toEqual({ notifiedDays: [30, 14], expiredNotified: false });
    expect(t.store.certificates.notifications().map((n) => [n.kind, n.certificateId, n.body])).toEqual([
      ['expiring', certificate.id, 'shop.example.org expires in 13 days, on 2027-12-25.'],
      ['expiring', certificate.id, 'shop.example.org expires in 20 days, on 2027-12-25.']]);

    t.store.flush();
    t.db.close();
    const reopened = new DeliveryStore(openDatabaseSync(t.file));
    try {
      const restarted = schedule(recordingCenter(), reopened);
      expect(await checkAt(restarted.expiry, 13)).toBe(0);
      expect(await checkAt(restarted.expiry, 6)).toBe(1);
      expect(await checkAt(restarted.expiry, -1)).toBe(1);
      expect(await checkAt(restarted.expiry, -2)).toBe(0);
      expect(bodies(restarted.center.released)).toEqual(['shop.example.org expires in 6 days, on 2027-12-25.',
        'shop.example.org expired on 2027-12-25. Renew or replace it.']);
      expect(reopened.certificates.get(certificate.id)?.expiry).toEqual({ notifiedDays: [30, 14, 7, 3, 1], expiredNotified: true });
    } finally {
      await reopened.close();
    }
  });

  it('warns a certificate first seen 5 days before expiry once, then at the tighter thresholds', async () => {
    await addCertificate('late.example.org');
    const { expiry, center } = schedule();
    expect(await checkAt(expiry, 5)).toBe(1);
    expect(await checkAt(expiry, 4)).toBe(0);
    expect(await checkAt(expiry, 3)).toBe(1);
    expect(bodies(center.released)).toEqual(['late.example.org expires in 5 days, on 2027-12-25.',
      'late.example.org expires in 3 days, on 2027-12-25.']);
  });

  it('checks each certificate on its own, and raises nothing for one without an expiry date', async () => {
    await addCertificate('pending.example.org', 'ssl_panel.requested');
    await addCertificate('shop.example.org');
    const { expiry, center } = schedule();
    for (let days = 40; days >= -10; days -= 5) await checkAt(expiry, days);
    expect(center.prepared.every((d) => d.commonName === 'shop.example.org')).toBe(true);
    expect(center.prepared).toHaveLength(4);
  });

  it('raises nothing when the store holds only certificates without an expiry date', async () => {
    await addCertificate('pending.example.org', 'ssl_panel.created');
    const { expiry, center } = schedule();
    for (let days = 40; days >= -10; days--) expect(await checkAt(expiry, days)).toBe(0);
    expect(center.prepared).toEqual([]);
  });
});

describe('when the schedule checks', () => {
  /** Moves the wall and monotonic clocks by the given amounts and ticks. */
  function move(expiry: ExpirySchedule, wallMs: number, monoMs = wallMs): Promise<number> | undefined {
    wall += wallMs;
    mono += monoMs;
    return expiry.tick();
  }

  it('checks every certificate once after a burst of deliveries, not once per delivery', async () => {
    await addCertificate('shop.example.org');
    await addCertificate('blog.example.net');
    wall = EXPIRE_MS - 10 * DAY;
    const { expiry, center } = schedule(undefined, undefined, { afterDeliveryMs: 30 });
    const checks = vi.spyOn(expiry, 'check');
    try {
      for (let i = 0; i < 5; i++) expiry.afterDelivery();
      expect(checks).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(center.released).toHaveLength(2));
      expect(checks).toHaveBeenCalledTimes(1);
      expect(bodies(center.released).sort()).toEqual(['blog.example.net expires in 10 days, on 2027-12-25.',
        'shop.example.org expires in 10 days, on 2027-12-25.']);
    } finally {
      expiry.stop();
    }
  });

  it('checks at start', async () => {
    await addCertificate('shop.example.org');
    wall = EXPIRE_MS - 10 * DAY;
    const { expiry, center } = schedule(undefined, undefined, { tickMs: 3_600_000 });
    try {
      expect(await expiry.start()).toBe(1);
      expect(bodies(center.released)).toEqual(['shop.example.org expires in 10 days, on 2027-12-25.']);
    } finally {
      expiry.stop();
    }
  });

  it('does not check again before an hour has passed, and does once it has', async () => {
    await addCertificate('shop.example.org');
    wall = EXPIRE_MS - 30 * DAY - 10 * MINUTE;
    const { expiry, center } = schedule();
    expect(await expiry.check()).toBe(0);
    // The 30-day mark passes 10 minutes later, but the next check is due only after an hour.
    expect(move(expiry, 30 * MINUTE)).toBeUndefined();
    expect(move(expiry, 29 * MINUTE)).toBeUndefined();
    expect(center.prepared).toEqual([]);
    expect(await move(expiry, MINUTE)).toBe(1);
    expect(bodies(center.released)).toEqual(['shop.example.org expires in 30 days, on 2027-12-25.']);
  });

  it('checks at once after a resume: the wall clock jumped 3 days while the monotonic clock moved 1 minute', async () => {
    await addCertificate('shop.example.org');
    wall = EXPIRE_MS - 15 * DAY - 6 * HOUR;
    const { expiry, center } = schedule(undefined, undefined, { everyMs: 7 * DAY });
    expect(await expiry.check()).toBe(1);
    expect(await move(expiry, 3 * DAY, MINUTE)).toBe(1);
    expect(bodies(center.released)).toEqual(['shop.example.org expires in 16 days, on 2027-12-25.',
      'shop.example.org expires in 13 days, on 2027-12-25.']);
    expect(logged.join('\n')).toContain('clock jumped');
  });

  it('notices a short sleep before the hour is up, while the same time awake waits for the hour', async () => {
    await addCertificate('shop.example.org');
    wall = EXPIRE_MS - 14 * DAY - 20 * MINUTE;
    const awake = schedule();
    await awake.expiry.check();
    expect(move(awake.expiry, 40 * MINUTE)).toBeUndefined();

    wall = EXPIRE_MS - 14 * DAY - 20 * MINUTE;
    const asleep = schedule();
    await asleep.expiry.check();
    expect(await move(asleep.expiry, 40 * MINUTE, MINUTE)).toBe(1);
    expect(bodies(asleep.center.released)).toEqual(['shop.example.org expires in 14 days, on 2027-12-25.']);
  });
});
