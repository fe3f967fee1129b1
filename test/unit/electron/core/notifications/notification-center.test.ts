// Between the policy and the desktop: which notifications the user sees (settings, quiet hours),
// what the history keeps, bursts shown as one, and the rate-limited security warning.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../../../electron/core/logger.ts';
import { NotificationCenter, type CenterDeps } from '../../../../../electron/core/notifications/notification-center.ts';
import { NullNotifier, type Notifier } from '../../../../../electron/core/notifications/notifier.ts';
import type { NewNotification } from '../../../../../electron/core/store/delivery-types.ts';
import { DEFAULT_NOTIFICATION_SETTINGS, decideForDelivery } from '../../../../../shared/notify/index.ts';
import type { NotificationDecision, NotificationSettings, ShownNotification } from '../../../../../shared/notify/types.ts';
import { sampleDelivery } from '../../../../../shared/openprovider/samples.ts';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const MINUTE = 60_000;
const COALESCE_MS = 100;

function recordingNotifier(fail = false): Notifier & { shown: ShownNotification[] } {
  const shown: ShownNotification[] = [];
  return { name: 'recording', shown, onClick() {}, async close() {},
    async show(n) { if (fail) throw new Error('bus gone'); shown.push(n); } };
}

/** The decision a sample delivery of `event` for `commonName` brings. */
function decision(event: string, commonName = 'shop.example.org'): NotificationDecision {
  const deliveryId = `${event}:${commonName}`;
  return decideForDelivery({ event, body: sampleDelivery(event, { deliveryId, commonName }), deliveryId, certificateId: `cert:${commonName}`, commonName })[0];
}

let settings: NotificationSettings;
let notifier: ReturnType<typeof recordingNotifier>;
let recorded: NewNotification[][];
let warnings: string[];
let center: NotificationCenter;

function makeCenter(over: Partial<CenterDeps> = {}): NotificationCenter {
  const logger: Logger = { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  center = new NotificationCenter({ settings: () => settings, notifier: () => notifier, now: () => Date.now(), logger,
    record: async (rows) => { recorded.push(rows); }, coalesceMs: COALESCE_MS, ...over });
  return center;
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  settings = structuredClone(DEFAULT_NOTIFICATION_SETTINGS) as NotificationSettings;
  notifier = recordingNotifier();
  recorded = [];
  warnings = [];
  makeCenter();
});

afterEach(() => {
  center.stop();
  vi.useRealTimers();
});

const visibility = (rows: NewNotification[]) => rows.map((r) => `${r.kind}: ${r.shown ? 'shown' : r.reason}`);

describe('prepare: the history rows, shown or not and why', () => {
  const decisions = () => [decision('ssl_panel.issued'), decision('ssl_panel.created'), decision('ssl_panel.pre_validation.failed')];

  it('keeps every decision as it reads, stamped now; info is off by default', () => {
    const rows = center.prepare(decisions());
    expect(visibility(rows)).toEqual(['issued: shown', 'info: kind-off', 'failed: shown']);
    expect(rows[0]).toEqual({ kind: 'issued', title: 'Certificate issued', body: 'shop.example.org was issued; it is valid until 2027-12-25.',
      urgency: 'normal', certificateId: 'cert:shop.example.org', deliveryId: 'ssl_panel.issued:shop.example.org',
      createdAt: T0, shown: true, reason: null });
  });

  it('marks everything not shown when notifications are disabled, and a kind switched off', () => {
    settings.kinds.failed = false;
    expect(visibility(center.prepare(decisions()))).toEqual(['issued: shown', 'info: kind-off', 'failed: kind-off']);
    settings.enabled = false;
    expect(visibility(center.prepare(decisions()))).toEqual(['issued: disabled', 'info: disabled', 'failed: disabled']);
  });

  it('records as not shown, for no-notifier, what would pop up when there is no notifier', () => {
    makeCenter({ notifier: () => new NullNotifier() });
    expect(visibility(center.prepare(decisions()))).toEqual(['issued: no-notifier', 'info: kind-off', 'failed: no-notifier']);
    settings.enabled = false;
    expect(visibility(center.prepare(decisions()))).toEqual(['issued: disabled', 'info: disabled', 'failed: disabled']);
  });

  it('holds back what arrives in the quiet hours, and shows it again after them', () => {
    const hour = new Date(T0).getHours();
    const clock = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    settings.quietHours = { from: clock(hour), to: clock(hour + 1) };
    expect(visibility(center.prepare(decisions()))).toEqual(['issued: quiet-hours', 'info: kind-off', 'failed: quiet-hours']);
    vi.setSystemTime(T0 + 60 * MINUTE);
    expect(visibility(center.prepare(decisions()))).toEqual(['issued: shown', 'info: kind-off', 'failed: shown']);
  });
});

describe('release and flush: what the user sees', () => {
  it('shows only the rows marked shown, after the burst window', () => {
    const decisions = [decision('ssl_panel.created'), decision('ssl_panel.pre_validation.failed')];
    center.release(decisions, center.prepare(decisions));
    expect(notifier.shown).toEqual([]);
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notifier.shown.map((n) => [n.kind, n.title, n.count])).toEqual([['failed', 'Pre-validation failed', 1]]);
  });

  it('shows a burst of three issued certificates as one "3 certificates issued"', () => {
    for (const name of ['a.example.org', 'b.example.org', 'c.example.org']) {
      const d = [decision('ssl_panel.issued', name)];
      center.release(d, center.prepare(d));
      vi.advanceTimersByTime(COALESCE_MS / 4);
    }
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notifier.shown).toEqual([{ kind: 'issued', title: '3 certificates issued', body: 'a.example.org, b.example.org and c.example.org.',
      urgency: 'normal', certificateId: null, deliveryId: null, count: 3 }]);
  });

  it('shows a lone notification as it is, with where a click leads', () => {
    const d = [decision('ssl_panel.issued')];
    center.release(d, center.prepare(d));
    center.flush();
    expect(notifier.shown).toMatchObject([{ title: 'Certificate issued', certificateId: 'cert:shop.example.org',
      deliveryId: 'ssl_panel.issued:shop.example.org', count: 1 }]);
    vi.advanceTimersByTime(10 * COALESCE_MS);
    expect(notifier.shown).toHaveLength(1);
  });

  it('logs a notifier that cannot show, without failing', async () => {
    notifier = recordingNotifier(true);
    const d = [decision('ssl_panel.issued')];
    center.release(d, center.prepare(d));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(warnings).toEqual(['notifications: recording: bus gone']);
  });
});

describe('raise: decisions made outside a delivery', () => {
  it('records the history rows first, then shows the visible ones', async () => {
    let durable!: () => void;
    makeCenter({ record: (rows) => { recorded.push(rows); return new Promise<void>((resolve) => { durable = resolve; }); } });
    const raised = center.raise([decision('ssl_panel.issued'), decision('ssl_panel.requested')]);
    expect(recorded.map(visibility)).toEqual([['issued: shown', 'info: kind-off']]);
    await vi.advanceTimersByTimeAsync(10 * COALESCE_MS);
    expect(notifier.shown).toEqual([]);
    durable();
    await raised;
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(notifier.shown.map((n) => n.title)).toEqual(['Certificate issued']);
  });

  it('records nothing when there is nothing to raise', async () => {
    await center.raise([]);
    expect(recorded).toEqual([]);
  });
});

describe('signatureRejected: at most one security warning per 10 minutes, with a count', () => {
  const securityBodies = () => notifier.shown.filter((n) => n.kind === 'security').map((n) => n.body);
  const at = (ms: number) => vi.advanceTimersByTimeAsync(T0 + ms - Date.now());

  it('warns at the first rejection, holds the next ones, and reports them once when the gate opens', async () => {
    center.signatureRejected();
    await at(COALESCE_MS);
    expect(securityBodies()).toEqual(['1 delivery was rejected for its signature since 2026-06-01 12:00 UTC. '
      + 'Check the secrets, or whether someone else is calling the webhook.']);
    for (const minute of [1, 2, 3]) {
      await at(minute * MINUTE);
      center.signatureRejected();
    }
    await at(10 * MINUTE - 1);
    expect(securityBodies()).toHaveLength(1);
    await at(10 * MINUTE + COALESCE_MS);
    expect(securityBodies()).toHaveLength(2);
    expect(securityBodies()[1]).toBe('3 deliveries were rejected for their signature since 2026-06-01 12:01 UTC. '
      + 'Check the secrets, or whether someone else is calling the webhook.');
    await at(40 * MINUTE);
    expect(securityBodies()).toHaveLength(2);
    expect(recorded.flat().map((r) => `${r.kind} ${r.shown} ${r.createdAt - T0}`)).toEqual(['security true 0', `security true ${10 * MINUTE}`]);
  });

  it('counts the 10 minutes from a warning an earlier run raised, so a restart does not warn again at once', async () => {
    makeCenter({ lastSecurityAt: T0 - 4 * MINUTE });
    center.signatureRejected();
    await at(6 * MINUTE - 1);
    expect(securityBodies()).toHaveLength(0);
    await at(6 * MINUTE + COALESCE_MS);
    expect(securityBodies().map((b) => b.split('. ')[0])).toEqual(['1 delivery was rejected for its signature since 2026-06-01 12:00 UTC']);
  });

  it('warns at once again when a rejection comes after a quiet 10 minutes', async () => {
    center.signatureRejected();
    await at(15 * MINUTE);
    center.signatureRejected();
    await at(15 * MINUTE + COALESCE_MS);
    expect(securityBodies().map((b) => b.split('. ')[0])).toEqual([
      '1 delivery was rejected for its signature since 2026-06-01 12:00 UTC',
      '1 delivery was rejected for its signature since 2026-06-01 12:15 UTC']);
  });

  it('keeps the warning in the history when security notifications are switched off', async () => {
    settings.kinds.security = false;
    center.signatureRejected();
    await at(COALESCE_MS);
    expect(notifier.shown).toEqual([]);
    expect(visibility(recorded.flat())).toEqual(['security: kind-off']);
  });
});
