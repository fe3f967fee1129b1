/**
 * Times as people read them: relative where recency matters ("3 minutes ago", "in 12 days") and the
 * absolute time in the user's locale and time zone (for a hover and for detail views). Exports and
 * `--json` keep ISO 8601; this is for the screen only. Locale and time zone are parameters so the
 * tests pin them; the UI passes none and gets the browser's (navigator.language, the system zone).
 */

export interface TimeOptions {
  locale?: string;
  timeZone?: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The user's locale: the browser's first language; undefined leaves the choice to Intl. */
export function userLocale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language || undefined;
}

// Formatters are costly to build and a list formats hundreds of times per render: built once per locale and zone.
const absoluteCache = new Map<string, Intl.DateTimeFormat>();
const relativeCache = new Map<string, Intl.RelativeTimeFormat>();

function absoluteFormat({ locale = userLocale(), timeZone }: TimeOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = absoluteCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
    absoluteCache.set(key, format);
  }
  return format;
}

function relativeFormat(locale = userLocale()): Intl.RelativeTimeFormat {
  const key = locale ?? '';
  let format = relativeCache.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeCache.set(key, format);
  }
  return format;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "7 Dec 2026, 12:44:26" (en-GB) or "Dec 7, 2026, 12:44:26 PM" (en-US); "—" for none, the text itself if it is no time. */
export function formatAbsolute(iso: string | null | undefined, options: TimeOptions = {}): string {
  if (!iso) return '—';
  const date = parse(iso);
  return date ? absoluteFormat(options).format(date) : iso;
}

/** The largest unit that reads naturally: seconds under 45 s read "now", days up to 45 days ("in 30 days" beats "in 1 month"). */
function unitFor(ms: number): [number, Intl.RelativeTimeFormatUnit] {
  const abs = Math.abs(ms);
  if (abs < 45 * SECOND) return [0, 'second'];
  if (abs < 45 * MINUTE) return [Math.round(ms / MINUTE), 'minute'];
  if (abs < 22 * HOUR) return [Math.round(ms / HOUR), 'hour'];
  if (abs < 45 * DAY) return [Math.round(ms / DAY), 'day'];
  if (abs < 548 * DAY) return [Math.round(ms / (30.44 * DAY)), 'month'];
  return [Math.round(ms / (365.25 * DAY)), 'year'];
}

/** "3 minutes ago", "in 12 days", "now", measured from `now` (ms since the epoch). */
export function formatRelative(iso: string | null | undefined, now: number, options: TimeOptions = {}): string {
  if (!iso) return '—';
  const date = parse(iso);
  if (!date) return iso;
  const [value, unit] = unitFor(date.getTime() - now);
  return relativeFormat(options.locale).format(value, unit);
}
