/** The latest check of each target of one certificate; a row opens its history below it. */
import { Fragment, useState } from 'react';
import type { DeploymentResult } from '../../../shared/bridge/index.ts';
import { chainText, sameFingerprint, targetKey } from '../lib/deployment.ts';
import { formatTime } from '../lib/format.ts';
import { DeploymentBadge } from './deployment-badge.tsx';
import { DeploymentHistory } from './deployment-history.tsx';
import { Fingerprint } from './fingerprint.tsx';

const COLUMNS = ['Name', 'Target', 'State', 'Served expires', 'Served fingerprint', 'Chain', 'Checked', 'Error', 'History'];

interface Props {
  rows: DeploymentResult[];
  /** Targets not yet checked again in the check that is running (shown as "checking…"). */
  pending: (row: DeploymentResult) => boolean;
}

function ServedFingerprint({ row }: { row: DeploymentResult }) {
  return (
    <>
      <Fingerprint value={row.servedFingerprint} label="served fingerprint" />
      {row.servedFingerprint && !sameFingerprint(row.servedFingerprint, row.issuedFingerprint) && (
        <div className="hint">issued: <Fingerprint value={row.issuedFingerprint} label="issued fingerprint" /></div>
      )}
    </>
  );
}

export function DeploymentTable({ rows, pending }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) => setOpen((was) => {
    const next = new Set(was);
    if (!next.delete(key)) next.add(key);
    return next;
  });
  return (
    <table className="table compact deployment-table" data-testid="deployment-table">
      <thead><tr>{COLUMNS.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
      <tbody>
        {rows.map((row) => {
          const key = targetKey(row);
          const expanded = open.has(key);
          return (
            <Fragment key={key}>
              <tr data-testid="deployment-row" data-target={row.target} data-name={row.name}
                className={row.state === 'old' || row.state === 'wrong-name' ? 'attention' : undefined}>
                <td>{row.name}</td>
                <td><code>{row.target}</code></td>
                <td><DeploymentBadge state={row.state} checking={pending(row)} /></td>
                <td>{formatTime(row.servedNotAfter)}</td>
                <td><ServedFingerprint row={row} /></td>
                <td className={row.chainVerified === false ? 'warn-text' : undefined}>{chainText(row)}</td>
                <td>{formatTime(row.checkedAt)}</td>
                <td className={row.error ? 'danger' : 'muted'}>{row.error ?? '—'}</td>
                <td><button type="button" className="link" aria-expanded={expanded} aria-label={`History of ${row.name} at ${row.target}`}
                  onClick={() => toggle(key)}>{expanded ? '▾ Hide' : '▸ Show'}</button></td>
              </tr>
              {expanded && (
                <tr className="history-row"><td colSpan={COLUMNS.length}>
                  <DeploymentHistory certificateId={row.certificateId} target={row.target} name={row.name} />
                </td></tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
