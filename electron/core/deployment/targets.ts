/**
 * Where a certificate is checked (SPEC §12): its common name and every DNS name of the issued
 * certificate's SANs, each at port 443, unless `deployment.targets` names addresses for it. A
 * wildcard has no host to connect to: it is checked only where a target is configured.
 */
import { DEFAULT_TLS_PORT, formatTarget, isHostName, parseTarget } from '../../../shared/deployment/targets.ts';
import { SAMPLE_MAIN_PEM } from '../../../shared/openprovider/sample-chain.ts';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { CheckTarget } from './deployment-types.ts';
import { issuedFacts } from './issued-certificate.ts';

export interface TargetPlan {
  targets: CheckTarget[];
  /** Wildcard names without a configured target. */
  wildcards: string[];
}

/** Host names compare without case and without a trailing dot. */
function normal(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** `deployment.targets` with its keys normalized the same way as the names. */
export function targetTable(configured: Record<string, string[]>): Map<string, string[]> {
  return new Map(Object.entries(configured).map(([name, targets]) => [normal(name), targets]));
}

export function planTargets(certificate: CertificateRecord, table: Map<string, string[]>): TargetPlan {
  const facts = certificate.issuedPem ? issuedFacts(certificate.issuedPem) : null;
  // `certbell send`'s sample certificate is deployed nowhere: checking example.com would only alarm.
  if (!facts || certificate.issuedPem === SAMPLE_MAIN_PEM) return { targets: [], wildcards: [] };
  const names = [...new Set([certificate.commonName, ...facts.dnsNames].filter((n): n is string => !!n).map(normal))];
  const targets: CheckTarget[] = [];
  const wildcards: string[] = [];
  for (const name of names) {
    const configured = table.get(name);
    const addresses = configured
      ? configured.map((text) => parseTarget(text)).filter((a) => a !== null)
      : isHostName(name) ? [{ host: name, port: DEFAULT_TLS_PORT }] : [];
    if (!configured && name.startsWith('*.')) wildcards.push(name);
    const seen = new Set<string>();
    for (const address of addresses) {
      // The same address written twice (or as "[::1]" and "::1") is one target.
      if (seen.has(formatTarget(address))) continue;
      seen.add(formatTarget(address));
      targets.push({ certificateId: certificate.id, commonName: certificate.commonName, name, host: address.host,
        port: address.port, target: formatTarget(address), issuedFingerprint: facts.fingerprint, issuedAt: certificate.issuedAt });
    }
  }
  return { targets, wildcards };
}
