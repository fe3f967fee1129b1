/** SPEC §7: which notification a processed delivery raises, and how it reads. */
import { failedValidators, summarizeBody } from '../openprovider/payloads.ts';
import { certificateSubject, firstLine, isoDay, listNames } from './text.ts';
import type { NotificationDecision, NotificationKind, Urgency } from './types.ts';

export interface DeliveryDecisionInput {
  event: string | null;
  /** The parsed delivery body. */
  body: unknown;
  deliveryId: string;
  certificateId: string | null;
  commonName: string | null;
  /** The certificate's expiry when the caller knows it (inventory); else read from the body. */
  expireAt?: string | null;
}

/** What a delivery's notification is about, resolved from the input and, where missing, the body. */
interface Facts {
  event: string | null;
  body: unknown;
  deliveryId: string;
  certificateId: string | null;
  commonName: string | null;
  /** How the certificate is called mid-sentence, and at the start of one. */
  subject: string;
  subjectAtStart: string;
  expiryDay: string | null;
}

type Wording = { kind: NotificationKind; title: string; body: string };

const URGENCY: Record<NotificationKind, Urgency> = {
  failed: 'critical', info: 'low', test: 'low',
  issued: 'normal', expiring: 'normal', action: 'normal', hook: 'normal', security: 'normal', deployment: 'normal',
};

export function urgencyOf(kind: NotificationKind): Urgency {
  return URGENCY[kind];
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function issued(f: Facts): Wording {
  const until = f.expiryDay ? `; it is valid until ${f.expiryDay}` : '';
  return { kind: 'issued', title: 'Certificate issued', body: `${f.subjectAtStart} was issued${until}.` };
}

function preValidationFailed(f: Facts): Wording {
  const names = failedValidators(f.body);
  const which = names.length > 0 ? `: ${listNames(names, names.length)} failed` : '';
  return { kind: 'failed', title: 'Pre-validation failed',
    body: `${f.subjectAtStart} did not pass pre-validation${which}.` };
}

function operationFailed(title: string, operation: string) {
  return (f: Facts): Wording => ({ kind: 'failed', title,
    body: `The ${operation} of ${f.subject} could not be processed. Check the order in the SSL Panel.` });
}

function willExpire(f: Facts): Wording {
  const on = f.expiryDay ? `, on ${f.expiryDay}` : '';
  return { kind: 'expiring', title: 'Certificate expiring',
    body: `${f.subjectAtStart} expires in 30 days${on}. Renew it before then.` };
}

function caMessage(f: Facts): Wording {
  const line = firstLine(text(field(field(f.body, 'data'), 'message')));
  const about = f.commonName ? ` about ${f.commonName}` : '';
  return { kind: 'action', title: 'New message from the CA',
    body: line ? (f.commonName ? `${f.commonName}: ${line}` : line)
      : `The CA sent a new message${about}. Open the order's chat to read it.` };
}

function info(title: string, sentence: (subject: string) => string) {
  return (f: Facts): Wording => ({ kind: 'info', title, body: sentence(f.subjectAtStart) });
}

function testDelivery(f: Facts): Wording {
  const what = f.event ? `Event "${f.event}"` : 'A delivery without an event name';
  return { kind: 'test', title: 'Test delivery received',
    body: `${what} was received and stored (delivery ${f.deliveryId}).` };
}

const BY_EVENT: Record<string, (f: Facts) => Wording> = {
  'ssl_panel.issued': issued,
  'ssl_panel.pre_validation.failed': preValidationFailed,
  'ssl_panel.reissue_failed': operationFailed('Reissue failed', 'reissue'),
  'ssl_panel.renew_failed': operationFailed('Renewal failed', 'renewal'),
  'ssl_panel.will_expire_in_30_days': willExpire,
  'ssl_panel.ca_chat.new_message_from_ca': caMessage,
  'ssl_panel.created': info('Certificate created', (s) => `${s} was created in the SSL Panel.`),
  'ssl_panel.requested': info('Certificate requested', (s) => `${s} was requested at the CA.`),
  'ssl_panel.pre_validation.successful': info('Pre-validation passed', (s) => `${s} passed all pre-validation checks.`),
};

/**
 * The notifications one delivery raises (SPEC §7), before settings and quiet hours apply.
 * Every delivery raises exactly one today; a list keeps room for events that raise none or several.
 * Unknown events, including the provider's test ping and deliveries without an event, are `test`.
 */
export function decideForDelivery(input: DeliveryDecisionInput): NotificationDecision[] {
  const summary = summarizeBody(input.body);
  const commonName = input.commonName ?? summary.commonName;
  const certificateId = input.certificateId ?? summary.certificateId;
  const bodyExpireAt = text(field(field(field(input.body, 'data'), 'certificate'), 'expireAt'));
  const facts: Facts = {
    event: input.event, body: input.body, deliveryId: input.deliveryId, certificateId, commonName,
    subject: certificateSubject(commonName, certificateId),
    subjectAtStart: certificateSubject(commonName, certificateId, true),
    expiryDay: isoDay(input.expireAt) ?? isoDay(bodyExpireAt),
  };
  const word = (input.event !== null && Object.hasOwn(BY_EVENT, input.event)) ? BY_EVENT[input.event] : testDelivery;
  const { kind, title, body } = word(facts);
  return [{ kind, title, body, urgency: urgencyOf(kind), certificateId, deliveryId: input.deliveryId, commonName }];
}
