/** The latest check of each target of one certificate; a row opens its history below it. */
import { Fragment, useState } from 'react';
import type { DeploymentResult } from '../../../shared/bridge/index.ts';
import { chainText, targetKey } from '../lib/deployment.ts';
import { TimeAgo } from './time-ago.tsx';
import { DeploymentBadge } from './deployment-badge.tsx';
import { DeploymentHistory } from './deployment-history.tsx';
import { ServedCertificate } from './served-certificate.tsx';

const COLUMNS = ['Name', 'Target', 'State', 'Served certificate', 'Chain', 'Checked', 'Error', 'History'];

interface Props {
  rows: DeploymentResult[];
  /** Targets not yet checked again in the check that is running (shown as "checking…"). */
  pending: (row: DeploymentResult) => boolean;
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
                <td className="nowrap">{row.name}</td>
                <td className="nowrap"><code>{row.target}</code></td>
                <td className="nowrap"><DeploymentBadge state={row.state} checking={pending(row)} /></td>
                <td><ServedCertificate row={row} /></td>
                <td className={row.chainVerified === false ? 'wrap warn-text' : 'wrap'}>{chainText(row)}</td>
                <td><TimeAgo iso={row.checkedAt} /></td>
                <td className={row.error ? 'wrap danger' : 'muted'}>{row.error ?? '—'}</td>
                <td className="nowrap"><button type="button" className="link" aria-expanded={expanded} aria-label={`History of ${row.name} at ${row.target}`}
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
