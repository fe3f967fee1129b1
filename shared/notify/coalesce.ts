/** Bursts (SPEC §7): decisions of one kind shown together become one notification ("3 certificates issued"). */
import { highestUrgency, listNames } from './text.ts';
import type { NotificationDecision, NotificationKind, ShownNotification } from './types.ts';

const GROUP_TITLES: Record<NotificationKind, (n: number) => string> = {
  issued: (n) => `${n} certificates issued`,
  failed: (n) => `${n} certificate operations failed`,
  expiring: (n) => `${n} certificates expiring`,
  action: (n) => `${n} new messages from the CA`,
  test: (n) => `${n} test deliveries received`,
  hook: (n) => `${n} hook failures`,
  security: (n) => `${n} security warnings`,
  deployment: (n) => `${n} deployment problems`,
  info: (n) => `${n} certificate updates`,
};

export function groupTitle(kind: NotificationKind, count: number): string {
  return GROUP_TITLES[kind](count);
}

/** What a member is called in a group's list: its common name, else its own title. */
function label(decision: NotificationDecision): string {
  return decision.commonName ?? decision.title;
}

/** Distinct labels in order of first appearance, repeated ones marked "(2×)". */
function groupBody(members: readonly NotificationDecision[]): string {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(label(m), (counts.get(label(m)) ?? 0) + 1);
  const names = [...counts].map(([name, n]) => (n > 1 ? `${name} (${n}×)` : name));
  return `${listNames(names)}.`;
}

function single(d: NotificationDecision): ShownNotification {
  return { kind: d.kind, title: d.title, body: d.body, urgency: d.urgency,
    certificateId: d.certificateId, deliveryId: d.deliveryId, count: 1 };
}

function group(kind: NotificationKind, members: readonly NotificationDecision[]): ShownNotification {
  return { kind, title: groupTitle(kind, members.length), body: groupBody(members),
    urgency: highestUrgency(members.map((m) => m.urgency)), certificateId: null, deliveryId: null,
    count: members.length };
}

/**
 * One notification per kind: a lone decision as it is, several as one counted summary that
 * lists their common names. Kinds keep the order in which they first appear.
 */
export function coalesce(decisions: readonly NotificationDecision[]): ShownNotification[] {
  const byKind = new Map<NotificationKind, NotificationDecision[]>();
  for (const d of decisions) {
    const members = byKind.get(d.kind);
    if (members) members.push(d);
    else byKind.set(d.kind, [d]);
  }
  return [...byKind].map(([kind, members]) => (members.length === 1 ? single(members[0]) : group(kind, members)));
}
