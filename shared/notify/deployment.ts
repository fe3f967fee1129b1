/**
 * The `deployment` notification kind (SPEC §12): when a target's check result is worth telling,
 * once per change. Pure: the checker hands in a result and what it remembered about the target,
 * and keeps the memory it gets back.
 */
import type { DeploymentResult } from '../bridge/types.ts';
import { daysLeft, EMPTY_EXPIRY_STATE, expiryDecision } from './expiry.ts';
import { isoDay } from './text.ts';
import type { ExpiryState, NotificationDecision } from './types.ts';

/** What a target's checks remember between rounds. */
export interface TargetMemory {
  /** `state:fingerprint` of the last result that was notified (or that needed no notification). */
  notifiedKey: string | null;
  /** The leaf served at the last check that got one. */
  servedFingerprint: string | null;
  /** The §7 thresholds already notified for the served certificate (reset when it changes). */
  servedExpiry: ExpiryState;
}

export const EMPTY_TARGET_MEMORY: TargetMemory = { notifiedKey: null, servedFingerprint: null, servedExpiry: EMPTY_EXPIRY_STATE };

/** A target's result as the policy reads it, with what it needs beside: the issuance time, the grace, the thresholds, now. */
export type DeploymentFacts = Pick<DeploymentResult, 'certificateId' | 'commonName' | 'name' | 'target' | 'state'
  | 'servedFingerprint' | 'servedNotAfter' | 'issuedFingerprint'> & {
  /** When the issued certificate arrived (ms), or null when unknown (then the grace is over). */
  issuedAt: number | null;
  graceMs: number;
  thresholdsDays: number[];
  now: number;
};

/** "3 h ago", "25 min ago", "2 days ago". */
export function agoText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return minutes <= 1 ? 'just now' : `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

function expiresText(notAfter: string | null, now: number): string {
  const day = isoDay(notAfter);
  if (!day || !notAfter) return 'a certificate whose expiry could not be read';
  const left = daysLeft(Date.parse(notAfter), now);
  return left <= 0 ? `the certificate that expired on ${day}` : `the certificate that expires on ${day}`;
}

function shortFingerprint(fp: string | null): string {
  return fp ? `${fp.slice(0, 11)}…` : 'unknown';
}

function decision(f: DeploymentFacts, title: string, body: string, critical: boolean): NotificationDecision {
  return { kind: 'deployment', title, body, urgency: critical ? 'critical' : 'normal', certificateId: f.certificateId,
    deliveryId: null, commonName: f.commonName ?? f.name };
}

/**
 * At most one decision for this result, and the memory to keep. Raised: the issued certificate
 * is not served past the grace time (`old`, `wrong-name`); the served certificate changed to
 * one that is not the issued one (at once, grace or not); a served certificate that is not the
 * issued one falls past a §7 threshold (past the grace time). `unreachable` is recorded and
 * shown but raises nothing: a workstation off its network would otherwise alarm about every
 * host (the memory is kept, so a host coming back as it was stays quiet).
 */
export function deploymentDecision(f: DeploymentFacts, memory: TargetMemory): { decision: NotificationDecision | null; memory: TargetMemory } {
  if (f.state === 'unreachable') return { decision: null, memory };
  const key = `${f.state}:${f.servedFingerprint ?? ''}`;
  const fpChanged = f.servedFingerprint !== memory.servedFingerprint;
  const servedExpiry = fpChanged ? EMPTY_EXPIRY_STATE : memory.servedExpiry;
  const base: TargetMemory = { notifiedKey: memory.notifiedKey, servedFingerprint: f.servedFingerprint, servedExpiry };
  if (f.state === 'served') return { decision: null, memory: { ...base, notifiedKey: key } };

  const pastGrace = f.issuedAt === null || f.now >= f.issuedAt + f.graceMs;
  const expiry = expiryDecision({ certificateId: f.certificateId, commonName: f.commonName, expireAt: f.servedNotAfter },
    servedExpiry, f.thresholdsDays, f.now);
  const expiring = expiry.decision !== null;
  const left = f.servedNotAfter ? daysLeft(Date.parse(f.servedNotAfter), f.now) : null;
  const critical = left !== null && left <= 7;
  const where = `${f.target}`;
  const issued = f.issuedAt === null ? 'issued' : `issued ${agoText(f.now - f.issuedAt)}`;
  const served = expiresText(f.servedNotAfter, f.now);
  const soon = expiring && left !== null && left > 0 ? ` That one expires in ${left === 1 ? '1 day' : `${left} days`}.` : '';

  if (memory.servedFingerprint !== null && fpChanged) {
    const body = f.state === 'wrong-name'
      ? `${where} now serves a certificate that does not cover ${f.name} (${shortFingerprint(f.servedFingerprint)}), not the issued one.`
      : `${where} now serves another certificate for ${f.name} (${shortFingerprint(f.servedFingerprint)}, ${served.replace(/^the certificate that /, '')}), not the issued one.`;
    return { decision: decision(f, `Served certificate changed: ${f.name}`, body + soon, critical),
      memory: { ...base, notifiedKey: key, servedExpiry: pastGrace ? expiry.state : servedExpiry } };
  }
  if (!pastGrace) return { decision: null, memory: base };
  if (memory.notifiedKey !== key) {
    const body = f.state === 'wrong-name'
      ? `${f.name}: ${issued}, but ${where} serves a certificate that does not cover ${f.name}.`
      : `${f.name}: ${issued}, ${where} still serves ${served}.${soon}`;
    const title = f.state === 'wrong-name' ? `Wrong certificate served: ${f.name}` : `Not deployed: ${f.name}`;
    return { decision: decision(f, title, body, critical), memory: { ...base, notifiedKey: key, servedExpiry: expiry.state } };
  }
  if (expiring) {
    const day = isoDay(f.servedNotAfter);
    const body = left !== null && left <= 0
      ? `${where} serves a certificate for ${f.name} that expired on ${day}; the issued one is not deployed there.`
      : `${where} serves a certificate for ${f.name} that expires in ${left === 1 ? '1 day' : `${left} days`}, on ${day}; the issued one is not deployed there.`;
    return { decision: decision(f, `Served certificate expiring: ${f.name}`, body, critical), memory: { ...base, servedExpiry: expiry.state } };
  }
  return { decision: null, memory: base };
}
