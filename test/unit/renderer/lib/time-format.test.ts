import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatRelative } from '../../../../renderer/src/lib/time-format.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const MIN = 60_000;
const DAY = 86_400_000;

describe('formatAbsolute', () => {
  it('writes the time in the given locale and time zone, not a US stamp', () => {
    const iso = '2026-12-06T12:44:26Z';
    expect(formatAbsolute(iso, { locale: 'en-GB', timeZone: 'Europe/Amsterdam' })).toBe('6 Dec 2026, 13:44:26');
    expect(formatAbsolute(iso, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe('06.12.2026, 13:44:26');
    expect(formatAbsolute(iso, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Dec 6, 2026, 7:44:26 AM');
    expect(formatAbsolute(iso, { locale: 'en-GB', timeZone: 'UTC' })).toBe('6 Dec 2026, 12:44:26');
  });

  it('says "—" for no time and keeps text that is not a time', () => {
    expect(formatAbsolute(null)).toBe('—');
    expect(formatAbsolute('')).toBe('—');
    expect(formatAbsolute('soon', { locale: 'en-GB' })).toBe('soon');
  });
});

describe('formatRelative', () => {
  const en = { locale: 'en-GB' };
  it('reads recent times in the past', () => {
    expect(formatRelative(at(-10_000), NOW, en)).toBe('now');
    expect(formatRelative(at(-3 * MIN), NOW, en)).toBe('3 minutes ago');
    expect(formatRelative(at(-1 * MIN), NOW, en)).toBe('1 minute ago');
    expect(formatRelative(at(-5 * 60 * MIN), NOW, en)).toBe('5 hours ago');
    expect(formatRelative(at(-DAY), NOW, en)).toBe('yesterday');
    expect(formatRelative(at(-3 * DAY), NOW, en)).toBe('3 days ago');
  });

  it('reads times to come', () => {
    expect(formatRelative(at(12 * DAY), NOW, en)).toBe('in 12 days');
    expect(formatRelative(at(DAY), NOW, en)).toBe('tomorrow');
    expect(formatRelative(at(30 * DAY), NOW, en)).toBe('in 30 days');
    expect(formatRelative(at(90 * DAY), NOW, en)).toBe('in 3 months');
    expect(formatRelative(at(2 * 365 * DAY), NOW, en)).toBe('in 2 years');
  });

  it('speaks the given locale', () => {
    expect(formatRelative(at(-3 * MIN), NOW, { locale: 'de-DE' })).toBe('vor 3 Minuten');
    expect(formatRelative(at(12 * DAY), NOW, { locale: 'fr-FR' })).toBe('dans 12 jours');
  });

  it('says "—" for no time and keeps text that is not a time', () => {
    expect(formatRelative(undefined, NOW, en)).toBe('—');
    expect(formatRelative('later', NOW, en)).toBe('later');
  });
});
