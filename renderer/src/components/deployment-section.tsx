/**
 * The certificate page's deployment check (SPEC §12): the latest result per target, "Check now"
 * with each target's result shown as it comes, and the wildcard names nothing can be asked for.
 */
import { useState } from 'react';
import type { DeploymentResult } from '../../../shared/bridge/index.ts';
import { call } from '../bridge/bridge.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { latestPerTarget, targetKey } from '../lib/deployment.ts';
import { href } from '../lib/hash-route.ts';
import { DeploymentTable } from './deployment-table.tsx';
import { ErrorBox, Loading } from './status-box.tsx';
import { TimeAgo } from './time-ago.tsx';

/** A check started here: which targets have answered so far, and how it ended. */
interface Run {
  running: boolean;
  answered: ReadonlySet<string>;
  outcome: string | null;
}

const IDLE: Run = { running: false, answered: new Set(), outcome: null };

function outcomeText(results: DeploymentResult[]): string {
  if (results.length === 0) return 'Nothing to check: no target for this certificate (it needs its issued certificate, and a name that is not only a wildcard).';
  const served = results.filter((r) => r.state === 'served').length;
  return `Checked ${results.length} target${results.length === 1 ? '' : 's'}: ${served} serve${served === 1 ? 's' : ''} the issued certificate.`;
}

export function DeploymentSection({ certificateId }: { certificateId: string }) {
  const list = useCall('deployment.list', { certificateId });
  const status = useCall('deployment.status');
  const [updates, setUpdates] = useState<DeploymentResult[]>([]);
  const [run, setRun] = useState<Run>(IDLE);
  useBridgeEvents((e) => {
    if (e.event === 'deployment' && e.data.certificateId === certificateId) {
      const result = e.data;
      setUpdates((was) => [...was, result]);
      setRun((was) => (was.running ? { ...was, answered: new Set(was.answered).add(targetKey(result)) } : was));
    }
    if (e.event === 'deploymentStatus') status.reload();
  });

  const checkNow = async () => {
    setRun({ running: true, answered: new Set(), outcome: null });
    try {
      const results = await call('deployment.check', { certificateId });
      setUpdates((was) => [...was, ...results]);
      setRun({ running: false, answered: new Set(), outcome: outcomeText(results) });
    } catch (failure) {
      setRun({ running: false, answered: new Set(), outcome: (failure as Error).message });
    }
    list.reload();
  };

  const rows = list.data ? latestPerTarget(list.data, updates) : null;
  const wildcards = (status.data?.wildcardsWithoutTarget ?? []).filter((w) => w.certificateId === certificateId);
  return (
    <section aria-labelledby="deployment-heading" data-testid="deployment-section">
      <div className="section-bar">
        <h2 id="deployment-heading" className="section-heading">Deployment</h2>
        <button type="button" onClick={() => void checkNow()} disabled={run.running}>{run.running ? 'Checking…' : 'Check now'}</button>
        <span role="status" className="muted" data-testid="deployment-status">
          {run.running ? 'checking…' : run.outcome ?? (status.data?.checking ? 'A check round is running…'
            : status.data?.lastRoundAt ? <>Last round <TimeAgo iso={status.data.lastRoundAt} /></> : '')}
        </span>
      </div>
      {status.data && !status.data.enabled && <p className="hint" data-testid="deployment-disabled">The scheduled check is switched off
        in <a href={href('settings', 'deployment')}>Settings → Deployment</a>; Check now still asks the hosts.</p>}
      {wildcards.map((w) => (
        <p key={w.name} className="notice warn" data-testid="wildcard-without-target"><code>{w.name}</code> has no host to connect to: add a target
          in <a href={href('settings', 'deployment')}>Settings → Deployment</a>.</p>
      ))}
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!rows && !list.error && <Loading what="the deployment check" />}
      {rows && rows.length === 0 && !run.running && <p className="empty" data-testid="deployment-none">Not checked yet. Certbell connects to each
        name of the issued certificate (port 443, or the targets in settings) once it has the certificate itself, from a delivery or a sync.</p>}
      {rows && rows.length > 0 && (
        <DeploymentTable rows={rows} pending={(row) => run.running && !run.answered.has(targetKey(row))} />
      )}
    </section>
  );
}
