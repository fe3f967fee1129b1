/**
 * SPEC §6: how one accepted delivery changes the inventory. Pure apart from reading the PEM's
 * notAfter. A delivery older than the one that last set a certificate's status (a provider retry
 * arriving late) fills gaps but does not roll the status back.
 */
import { X509Certificate } from 'node:crypto';
import { failedValidators } from '../../../shared/openprovider/payloads.ts';
import type { CertificateRecord } from './certificate-types.ts';
import { failureAfter } from './failure.ts';

export interface InventoryInput {
  event: string | null;
  parsed: unknown;
  deliveryId: string;
  /** First receipt of this delivery id (a retry keeps its original place in time). */
  eventAt: number;
  now: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Json : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function isPem(value: unknown): value is string {
  return typeof value === 'string' && value.includes('-----BEGIN CERTIFICATE-----');
}

/** notAfter of a PEM certificate as ISO text, or null when it does not parse. */
export function pemNotAfter(pem: unknown): string | null {
  if (!isPem(pem)) return null;
  try {
    return new Date(new X509Certificate(pem).validTo).toISOString();
  } catch {
    return null;
  }
}

function emptyRecord(id: string, now: number, eventAt: number): CertificateRecord {
  return {
    id, commonName: null, orderId: null, orderStatus: null, status: null, operation: null, expireAt: null,
    activatedAt: null, preValidationStatus: null, failedValidators: [], lastEvent: null, lastDelivery: null,
    eventAt, updatedAt: now, expiry: { notifiedDays: [], expiredNotified: false }, issuedPem: null, issuedAt: null,
    providerOnly: false, syncedAt: null,
  };
}

/** The certificate id a delivery is about, if it carries a certificate object. */
export function certificateIdOf(parsed: unknown): string | null {
  return text(obj(obj(obj(parsed)?.data)?.certificate)?.id);
}

export function orderIdOf(parsed: unknown): string | null {
  const data = obj(obj(parsed)?.data);
  return obj(data?.certificate) ? text(data?.id) : text(data?.orderId);
}

/** The updated record for a delivery with a certificate object; null when it has none. */
export function mergeCertificate(existing: CertificateRecord | null, input: InventoryInput): CertificateRecord | null {
  const data = obj(obj(input.parsed)?.data);
  const cert = obj(data?.certificate);
  const id = text(cert?.id);
  if (!data || !cert || !id) return null;
  const base = existing ?? emptyRecord(id, input.now, input.eventAt);
  const newer = !existing || input.eventAt >= existing.eventAt;
  const files = obj(cert.certificates);
  const pick = <K extends keyof CertificateRecord>(key: K, value: CertificateRecord[K] | null): CertificateRecord[K] =>
    (newer ? (value ?? base[key]) : (base[key] ?? value)) as CertificateRecord[K];
  // Results name the failed validators; a later "passed" without results clears them.
  const validators = cert.preValidationResults !== undefined ? failedValidators(input.parsed)
    : text(cert.preValidationStatus) === 'passed' ? [] : null;
  const expireAt = text(cert.expireAt) ?? pemNotAfter(files?.main);
  const pem = isPem(files?.main) ? files.main : null;
  const takesPem = pem !== null && (newer || base.issuedPem === null);
  return {
    ...base,
    // A delivery about it was received now; a takeover of a provider-only entry is marked by apply.
    providerOnly: false,
    replaces: undefined,
    commonName: pick('commonName', text(cert.commonName)),
    orderId: pick('orderId', text(data.id)),
    orderStatus: pick('orderStatus', text(data.status)),
    status: pick('status', text(cert.status)),
    operation: pick('operation', text(cert.operation)),
    expireAt: pick('expireAt', expireAt),
    activatedAt: pick('activatedAt', text(cert.activatedAt)),
    preValidationStatus: pick('preValidationStatus', text(cert.preValidationStatus)),
    failedValidators: newer && validators !== null ? validators : base.failedValidators,
    lastEvent: newer ? input.event : base.lastEvent,
    lastDelivery: newer ? input.deliveryId : base.lastDelivery,
    // A late retry of an older delivery neither raises nor resolves a failure.
    ...(newer ? { failure: failureAfter(base.failure, input.event, input.deliveryId, input.eventAt) } : {}),
    eventAt: Math.max(base.eventAt, input.eventAt),
    updatedAt: input.now,
    issuedPem: takesPem ? pem : base.issuedPem,
    issuedAt: takesPem ? input.eventAt : base.issuedAt,
    // A new expiry date (renewal) starts the expiry schedule afresh.
    expiry: expireAt && base.expireAt && Date.parse(expireAt) !== Date.parse(base.expireAt) && newer
      ? { notifiedDays: [], expiredNotified: false } : base.expiry,
  };
}

/** A delivery that names only an order (CA chat): noted on that order's certificate, if known. */
export function touchCertificate(existing: CertificateRecord, input: InventoryInput): CertificateRecord {
  const newer = input.eventAt >= existing.eventAt;
  return { ...existing, providerOnly: false, replaces: undefined, lastEvent: newer ? input.event : existing.lastEvent,
    lastDelivery: newer ? input.deliveryId : existing.lastDelivery, eventAt: Math.max(existing.eventAt, input.eventAt),
    updatedAt: input.now };
}
