/** Built-in sample deliveries, one per event, shaped like seed 004's examples (used by `certbell send`). */
import { eventInfo } from './events.ts';
import type { CaChatEventData, CertificateEventData, Delivery, PreValidationResult } from './payloads.ts';
import { SAMPLE_INTERMEDIATE_PEM, SAMPLE_MAIN_NOT_AFTER, SAMPLE_MAIN_PEM, SAMPLE_ROOT_PEM } from './sample-chain.ts';
import { DAY_MS } from '../time/day.ts';

export interface SampleOptions {
  deliveryId: string;
  commonName?: string;
  now?: Date;
}


/** A stable UUID-shaped id derived from text, so samples for one common name share a certificate. */
export function stableId(text: string): string {
  let hex = '';
  for (let seed = 0; hex.length < 32; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Triple { status: string; certificateStatus: string; operation: string }

const TRIPLES: Record<string, Triple> = {
  'ssl_panel.created': { status: 'open', certificateStatus: 'open', operation: 'none' },
  'ssl_panel.pre_validation.failed': { status: 'open', certificateStatus: 'open', operation: 'none' },
  'ssl_panel.pre_validation.successful': { status: 'open', certificateStatus: 'open', operation: 'none' },
  'ssl_panel.requested': { status: 'open', certificateStatus: 'requested', operation: 'request' },
  'ssl_panel.issued': { status: 'open', certificateStatus: 'active', operation: 'none' },
  'ssl_panel.will_expire_in_30_days': { status: 'open', certificateStatus: 'active', operation: 'none' },
  'ssl_panel.reissue_failed': { status: 'open', certificateStatus: 'active', operation: 'none' },
  'ssl_panel.renew_failed': { status: 'open', certificateStatus: 'active', operation: 'none' },
};

function validationResults(event: string): PreValidationResult[] {
  const failed = event === 'ssl_panel.pre_validation.failed';
  return [
    { name: 'whois_validator', status: 'passed' },
    { name: 'kvk_validator', status: failed ? 'failed' : 'passed' },
    { name: 'phone_number_validator', status: 'passed' },
  ];
}

function certificateData(event: string, commonName: string, now: Date): CertificateEventData {
  const triple = TRIPLES[event];
  const issued = event === 'ssl_panel.issued';
  const expiring = event === 'ssl_panel.will_expire_in_30_days';
  const active = triple.certificateStatus === 'active';
  const shape = eventInfo(event)?.shape;
  const certificate: CertificateEventData['certificate'] = {
    id: stableId(`certificate:${commonName}`),
    status: triple.certificateStatus,
    expireAt: expiring ? new Date(now.getTime() + 30 * DAY_MS).toISOString()
      : active ? SAMPLE_MAIN_NOT_AFTER : null,
    operation: triple.operation,
    commonName,
    activatedAt: active ? new Date(now.getTime() - (issued ? 0 : 335 * DAY_MS)).toISOString() : null,
    certificates: issued
      ? { main: SAMPLE_MAIN_PEM, intermediate: SAMPLE_INTERMEDIATE_PEM, root: SAMPLE_ROOT_PEM }
      : { main: null, intermediate: null, root: null },
    preValidationStatus: shape === 'pre_validation'
      ? (event.endsWith('failed') ? 'failed' : 'passed') : active ? 'passed' : 'pending',
    openproviderId: 123456,
  };
  if (shape === 'pre_validation') certificate.preValidationResults = validationResults(event);
  return { id: stableId(`order:${commonName}`), status: triple.status, certificate, openproviderId: 123456 };
}

function caChatData(commonName: string, now: Date): CaChatEventData {
  return {
    date: now.toISOString(),
    message: `We tried to reach the organization for ${commonName} via its public number but got no answer.\n`
      + 'Can you tell us when the organization can be reached for the validation?',
    orderId: stableId(`order:${commonName}`),
    openproviderId: '123456',
  };
}

/** The delivery object for an event; unknown events (such as a test ping) get a minimal body. */
export function sampleDelivery(event: string, options: SampleOptions): Delivery {
  const now = options.now ?? new Date();
  const commonName = options.commonName ?? 'example.com';
  const metadata = { version: '1.0.0', delivery: options.deliveryId, event };
  const shape = eventInfo(event)?.shape;
  if (shape === 'ca_chat') return { metadata, data: caChatData(commonName, now) };
  if (shape) return { metadata, data: certificateData(event, commonName, now) };
  return { metadata, data: { message: 'Test ping', sentAt: now.toISOString() } };
}
