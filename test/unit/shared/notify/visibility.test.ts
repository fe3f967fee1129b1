import { describe, it, expect } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS, isQuietTime, parseClock, visibility } from '../../../../shared/notify/visibility.ts';
import { NOTIFICATION_KINDS, type NotificationDecision, type NotificationKind, type NotificationSettings } from '../../../../shared/notify/types.ts';
import { ConfigSchema } from '../../../../shared/config/schema.ts';

const decision = (kind: NotificationKind): NotificationDecision => ({
  kind, title: 't', body: 'b', urgency: 'normal', certificateId: null, deliveryId: null, commonName: null,
});

/** A local wall-clock time on some day: quiet hours are read in the user's own time zone. */
const at = (hh: number, mm: number) => new Date(2026, 2, 14, hh, mm, 30);
const NOON = at(12, 0);

function settings(change: Partial<NotificationSettings> = {}): NotificationSettings {
  return { ...DEFAULT_NOTIFICATION_SETTINGS, kinds: { ...DEFAULT_NOTIFICATION_SETTINGS.kinds }, ...change };
}

describe('DEFAULT_NOTIFICATION_SETTINGS', () => {
  it('matches SPEC §2: enabled, every kind on except info, thresholds 30/14/7/3/1, no quiet hours', () => {
    expect(DEFAULT_NOTIFICATION_SETTINGS).toEqual({
      enabled: true,
      kinds: { issued: true, failed: true, expiring: true, action: true, test: true, hook: true, security: true, deployment: true, info: false },
      expiryThresholdsDays: [30, 14, 7, 3, 1],
      quietHours: null,
    });
  });

  it('agrees with the defaults of the config schema', () => {
    const parsed = ConfigSchema.parse({});
    expect(parsed.notifications).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_NOTIFICATION_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_NOTIFICATION_SETTINGS.kinds)).toBe(true);
    expect(Object.isFrozen(DEFAULT_NOTIFICATION_SETTINGS.expiryThresholdsDays)).toBe(true);
  });
});

describe('visibility: switches', () => {
  it('shows every kind but info by default', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(visibility(decision(kind), DEFAULT_NOTIFICATION_SETTINGS, NOON))
        .toEqual(kind === 'info' ? { shown: false, reason: 'kind-off' } : { shown: true });
    }
  });

  it('hides everything, info included, when notifications are disabled', () => {
    const off = settings({ enabled: false, kinds: { ...DEFAULT_NOTIFICATION_SETTINGS.kinds, info: true } });
    for (const kind of NOTIFICATION_KINDS) {
      expect(visibility(decision(kind), off, NOON)).toEqual({ shown: false, reason: 'disabled' });
    }
  });

  for (const kind of NOTIFICATION_KINDS) {
    it(`switching ${kind} off hides ${kind} and nothing else; switching it on shows it`, () => {
      const s = settings();
      s.kinds[kind] = false;
      for (const other of NOTIFICATION_KINDS) {
        const expected = other === kind || other === 'info' ? { shown: false, reason: 'kind-off' } : { shown: true };
        expect(visibility(decision(other), s, NOON)).toEqual(expected);
      }
      s.kinds[kind] = true;
      expect(visibility(decision(kind), s, NOON)).toEqual({ shown: true });
    });
  }

  it('reports disabled before kind-off, and kind-off before quiet hours', () => {
    const s = settings({ enabled: false, quietHours: { from: '00:00', to: '23:59' } });
    expect(visibility(decision('info'), s, NOON)).toEqual({ shown: false, reason: 'disabled' });
    s.enabled = true;
    expect(visibility(decision('info'), s, NOON)).toEqual({ shown: false, reason: 'kind-off' });
    expect(visibility(decision('issued'), s, NOON)).toEqual({ shown: false, reason: 'quiet-hours' });
  });

  it('falls back to the default for a kind missing from the switches (older config)', () => {
    const kinds = { ...DEFAULT_NOTIFICATION_SETTINGS.kinds } as Partial<Record<NotificationKind, boolean>>;
    delete kinds.security;
    delete kinds.info;
    const s = settings({ kinds: kinds as Record<NotificationKind, boolean> });
    expect(visibility(decision('security'), s, NOON)).toEqual({ shown: true });
    expect(visibility(decision('info'), s, NOON)).toEqual({ shown: false, reason: 'kind-off' });
  });
});

describe('visibility: quiet hours', () => {
  const quiet = (from: string, to: string) => settings({ quietHours: { from, to } });

  it('hides notifications of every kind inside quiet hours, failures and expiry included', () => {
    const s = quiet('12:00', '13:00');
    for (const kind of ['issued', 'failed', 'expiring', 'security'] as const) {
      expect(visibility({ ...decision(kind), urgency: 'critical' }, s, NOON)).toEqual({ shown: false, reason: 'quiet-hours' });
    }
  });

  it('within one day (09:00–17:00): quiet from 09:00 up to, not including, 17:00', () => {
    const s = quiet('09:00', '17:00');
    const shown = (hh: number, mm: number) => visibility(decision('issued'), s, at(hh, mm)).shown;
    expect([shown(8, 59), shown(9, 0), shown(12, 0), shown(16, 59), shown(17, 0), shown(23, 0)])
      .toEqual([true, false, false, false, true, true]);
  });

  it('across midnight (22:00–07:00): quiet late evening and early morning, not in the day', () => {
    const s = quiet('22:00', '07:00');
    const shown = (hh: number, mm: number) => visibility(decision('issued'), s, at(hh, mm)).shown;
    expect([shown(21, 59), shown(22, 0), shown(23, 59), shown(0, 0), shown(3, 30), shown(6, 59), shown(7, 0), shown(12, 0)])
      .toEqual([true, false, false, false, false, false, true, true]);
  });

  it('from equal to to means never quiet', () => {
    for (const hh of [0, 8, 12, 23]) expect(isQuietTime({ from: '08:00', to: '08:00' }, at(hh, 0))).toBe(false);
  });

  it('no quiet hours: never quiet', () => {
    expect(isQuietTime(null, at(3, 0))).toBe(false);
  });

  it('a time that cannot be read never hides anything', () => {
    expect(isQuietTime({ from: '25:00', to: '07:00' }, at(3, 0))).toBe(false);
    expect(isQuietTime({ from: '22:00', to: '7' }, at(23, 0))).toBe(false);
  });

  it('reads the local wall clock, so 23:30 local is quiet whatever the UTC time', () => {
    expect(isQuietTime({ from: '23:00', to: '23:45' }, at(23, 30))).toBe(true);
  });
});

describe('parseClock', () => {
  it('reads HH:MM as minutes since midnight', () => {
    expect([parseClock('00:00'), parseClock('07:05'), parseClock('23:59')]).toEqual([0, 425, 1439]);
    expect([parseClock('24:00'), parseClock('7:05'), parseClock('12:60'), parseClock('')]).toEqual([null, null, null, null]);
  });
});

describe('visibility: a pause', () => {
  const quiet = settings({ quietHours: { from: '11:00', to: '13:00' } });

  it('hides every kind while it holds, and nothing once it ran out', () => {
    expect(visibility(decision('failed'), settings(), NOON, NOON.getTime() + 1)).toEqual({ shown: false, reason: 'paused' });
    expect(visibility(decision('failed'), settings(), NOON, NOON.getTime())).toEqual({ shown: true });
    expect(visibility(decision('failed'), settings(), NOON, null)).toEqual({ shown: true });
  });

  it('comes after the switches and before the quiet hours', () => {
    const until = NOON.getTime() + 60_000;
    expect(visibility(decision('info'), settings(), NOON, until)).toEqual({ shown: false, reason: 'kind-off' });
    expect(visibility(decision('issued'), settings({ enabled: false }), NOON, until)).toEqual({ shown: false, reason: 'disabled' });
    expect(visibility(decision('issued'), quiet, NOON, until)).toEqual({ shown: false, reason: 'paused' });
    expect(visibility(decision('issued'), quiet, NOON, null)).toEqual({ shown: false, reason: 'quiet-hours' });
  });
});
