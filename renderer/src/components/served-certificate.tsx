/** What a host served at a check: its fingerprint and expiry, beside the issued one when they differ. */
import type { DeploymentResult } from '../../../shared/bridge/index.ts';
import { sameFingerprint } from '../lib/deployment.ts';
import { TimeAt } from './time-ago.tsx';
import { Fingerprint } from './fingerprint.tsx';

export function ServedCertificate({ row }: { row: DeploymentResult }) {
  if (!row.servedFingerprint) return <span className="muted">nothing served</span>;
  return (
    <div className="served">
      <Fingerprint value={row.servedFingerprint} label="served fingerprint" />
      <div className="hint">expires <TimeAt iso={row.servedNotAfter} /></div>
      {!sameFingerprint(row.servedFingerprint, row.issuedFingerprint) && (
        <div className="hint">issued: <Fingerprint value={row.issuedFingerprint} label="issued fingerprint" /></div>
      )}
    </div>
  );
}
