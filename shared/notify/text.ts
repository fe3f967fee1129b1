/** Small wording helpers shared by the notification policy: people read these texts, so keep them tidy. */
import type { Urgency } from './types.ts';

/** Longest line of free text (CA message, hook error) put into a notification body. */
export const MAX_LINE_CHARS = 200;

/** How many names a coalesced body lists before "and N more". */
export const MAX_LISTED_NAMES = 5;

/** Text cut to `max` characters, with an ellipsis when something was cut. */
export function cap(text: string, max = MAX_LINE_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The first non-blank line of a text, trimmed and capped; '' when there is none. */
export function firstLine(text: string | null | undefined, max = MAX_LINE_CHARS): string {
  const line = (text ?? '').split(/\r\n|\r|\n/).map((l) => l.trim()).find((l) => l.length > 0);
  return line ? cap(line, max) : '';
}

/** "1 day", "3 days". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

/** Milliseconds of an ISO date, or null when missing or not a date. */
export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** The calendar day (UTC, so the same on every machine) of an ISO date as YYYY-MM-DD, or null. */
export function isoDay(iso: string | null | undefined): string | null {
  const ms = parseTime(iso);
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}

/** "a", "a and b", "a, b and c", "a, b, c, d, e and 2 more" (at most `max` names spelled out). */
export function listNames(names: readonly string[], max = MAX_LISTED_NAMES): string {
  if (names.length <= max) {
    return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/**
 * What a sentence calls a certificate: its common name (never re-cased: it is a host name),
 * else a short id, else "a certificate"; `start` capitalizes the generic wordings.
 */
export function certificateSubject(commonName: string | null, certificateId: string | null, start = false): string {
  if (commonName) return commonName;
  const generic = certificateId ? `certificate ${certificateId.slice(0, 8)}` : 'a certificate';
  return start ? capitalize(generic) : generic;
}

const URGENCY_RANK: Record<Urgency, number> = { low: 0, normal: 1, critical: 2 };

export function highestUrgency(urgencies: readonly Urgency[]): Urgency {
  return urgencies.reduce<Urgency>((top, u) => (URGENCY_RANK[u] > URGENCY_RANK[top] ? u : top), 'low');
}
