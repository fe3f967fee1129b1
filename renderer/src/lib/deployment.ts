/**
 * The deployment check (SPEC §12) as the views show it: badges, short fingerprints, the latest
 * result per target kept up to date from pushed results, and the state changes for the timeline.
 */
import type { DeploymentResult } from '../../../shared/bridge/index.ts';
import { STATE_LABELS, type DeploymentState } from '../../../shared/deployment/index.ts';

/** What each state means, for a badge's title (the label alone is short). */
const STATE_EXPLANATIONS: Readonly<Record<DeploymentState, string>> = {
  served: 'the host serves the issued certificate',
  old: 'the host still serves another certificate for this name',
  'wrong-name': 'the host serves a certificate that does not cover this name',
  unreachable: 'could not connect, or the TLS handshake failed',
};

export interface StateBadge {
  text: string;
  title: string;
  className: string;
}

/** A badge for a state; null (no issued certificate, or not checked yet) reads "not checked". */
export function stateBadge(state: DeploymentState | null): StateBadge {
  if (state === null) return { text: 'not checked', title: 'no deployment check has run for this certificate yet', className: 'badge deploy-none' };
  return { text: STATE_LABELS[state], title: STATE_EXPLANATIONS[state], className: `badge deploy-${state}` };
}

/**
 * "AB:CD:EF:01…89:AB": enough to tell two certificates apart at a glance; the full value goes in
 * a title and a copy button. Anything not shaped like a colon-separated fingerprint is kept whole.
 */
export function shortFingerprint(fingerprint: string | null, head = 4, tail = 2): string {
  if (!fingerprint) return '—';
  const bytes = fingerprint.split(':');
  if (bytes.length <= head + tail + 1) return fingerprint;
  return `${bytes.slice(0, head).join(':')}…${bytes.slice(-tail).join(':')}`;
}

/** Fingerprints compared as OpenSSL and Node may write them (case, colons). */
export function sameFingerprint(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const norm = (f: string) => f.replace(/:/g, '').toUpperCase();
  return norm(a) === norm(b);
}

/**
 * A target is its certificate, the name checked and where: two names may be sent to one
 * "host:port" (`deployment.targets` pointing both at one load balancer), each with its own SNI.
 */
export function targetKey(r: Pick<DeploymentResult, 'certificateId' | 'name' | 'target'>): string {
  return `${r.certificateId}\n${r.name}\n${r.target}`;
}

/**
 * The latest result per certificate and target: `updates` (pushed while a check runs) replace a
 * row of `base` unless the row is newer. Sorted by name, then target, so rows do not jump.
 */
export function latestPerTarget(base: readonly DeploymentResult[], updates: readonly DeploymentResult[]): DeploymentResult[] {
  const rows = new Map<string, DeploymentResult>();
  for (const r of [...base, ...updates]) {
    const current = rows.get(targetKey(r));
    if (!current || r.checkedAt >= current.checkedAt) rows.set(targetKey(r), r);
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.target.localeCompare(b.target));
}

export interface StateChange {
  result: DeploymentResult;
  /** The target's state before this result, or null for its first check. */
  previous: DeploymentState | null;
}

/**
 * The results where a target's state changed (its first check counts as one), newest first: what
 * the certificate's timeline shows, without a row for every unchanged periodic check.
 */
export function stateChanges(history: readonly DeploymentResult[]): StateChange[] {
  const oldestFirst = [...history].sort((a, b) => a.checkedAt.localeCompare(b.checkedAt));
  const last = new Map<string, DeploymentState>();
  const changes: StateChange[] = [];
  for (const result of oldestFirst) {
    const previous = last.get(targetKey(result)) ?? null;
    if (previous !== result.state) changes.push({ result, previous });
    last.set(targetKey(result), result.state);
  }
  return changes.reverse();
}

/** One line for a result: "shop.example.nl at 10.0.0.5:443: old certificate served". */
export function describeResult(result: DeploymentResult): string {
  const where = result.target === `${result.name}:443` ? result.name : `${result.name} at ${result.target}`;
  return `${where}: ${STATE_LABELS[result.state]}`;
}

/** The chain column: verified, why not, or nothing served. */
export function chainText(result: Pick<DeploymentResult, 'chainVerified' | 'chainError'>): string {
  if (result.chainVerified === null) return '—';
  if (result.chainVerified) return 'verified';
  return result.chainError ? `not verified: ${result.chainError}` : 'not verified';
}
