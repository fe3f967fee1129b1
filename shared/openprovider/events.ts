/** The nine ssl_panel.* events of the Openprovider SSL Panel (seed 004). */

export type PayloadShape = 'certificate' | 'pre_validation' | 'ca_chat';

export interface EventInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly shape: PayloadShape;
}

export const EVENT_CATALOG = [
  { name: 'ssl_panel.created', title: 'Certificate created', shape: 'certificate',
    description: 'Occurs whenever a new certificate is created' },
  { name: 'ssl_panel.pre_validation.failed', title: 'Pre-validation failed', shape: 'pre_validation',
    description: 'Occurs whenever a validation fails' },
  { name: 'ssl_panel.pre_validation.successful', title: 'Pre-validation successful', shape: 'pre_validation',
    description: 'Occurs when all validations have succeeded' },
  { name: 'ssl_panel.requested', title: 'Certificate requested', shape: 'certificate',
    description: 'Occurs whenever a certificate is requested at the CA' },
  { name: 'ssl_panel.ca_chat.new_message_from_ca', title: 'New message from the CA', shape: 'ca_chat',
    description: 'Occurs whenever the CA has sent new message to the chat' },
  { name: 'ssl_panel.issued', title: 'Certificate issued', shape: 'certificate',
    description: 'Occurs whenever the CA has issued the certificate' },
  { name: 'ssl_panel.will_expire_in_30_days', title: 'Certificate expires in 30 days', shape: 'certificate',
    description: 'Occurs 30 days before the certificate expires' },
  { name: 'ssl_panel.reissue_failed', title: 'Reissue failed', shape: 'certificate',
    description: 'Occurs whenever a reissue fails to be processed' },
  { name: 'ssl_panel.renew_failed', title: 'Renewal failed', shape: 'certificate',
    description: 'Occurs whenever renewal fails to be processed' },
] as const satisfies readonly EventInfo[];

export type KnownEventName = (typeof EVENT_CATALOG)[number]['name'];

export const EVENT_NAMES: readonly KnownEventName[] = EVENT_CATALOG.map((e) => e.name);

const byName = new Map<string, EventInfo>(EVENT_CATALOG.map((e) => [e.name, e]));

export function eventInfo(name: string | null | undefined): EventInfo | undefined {
  return name ? byName.get(name) : undefined;
}

export function isKnownEvent(name: string | null | undefined): name is KnownEventName {
  return !!name && byName.has(name);
}

/** Edits (insert, delete, replace) from a to b. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/**
 * The known events a name that is not one most likely meant (`issued`, `ssl_panel.isued`,
 * `renew-failed`, `will_expire`), best first, or none when nothing is close: the start or end of
 * a name without its `ssl_panel.` prefix, or a typo of a few letters.
 */
export function suggestEvents(name: string): KnownEventName[] {
  if (isKnownEvent(name)) return [];
  const given = name.trim().toLowerCase().replace(/-/g, '_');
  if (isKnownEvent(given)) return [given];
  const short = given.replace(/^ssl_panel\./, '');
  const scored = EVENT_NAMES.map((known) => {
    const tail = known.slice('ssl_panel.'.length);
    const part = short.length >= 4 && (tail.endsWith(short) || tail.startsWith(short));
    return { known, distance: part ? 0 : Math.min(editDistance(given, known), editDistance(short, tail)) };
  });
  const best = Math.min(...scored.map((s) => s.distance));
  if (best > Math.max(1, Math.floor(short.length / 4))) return [];
  return scored.filter((s) => s.distance === best).map((s) => s.known);
}
