/** A deployment state as a badge: the words say it, the colour only repeats it. */
import type { DeploymentState } from '../../../shared/deployment/index.ts';
import { stateBadge } from '../lib/deployment.ts';

export function DeploymentBadge({ state, checking = false }: { state: DeploymentState | null; checking?: boolean }) {
  if (checking) return <span className="badge deploy-checking" data-testid="deployment-badge" data-state="checking">checking…</span>;
  const badge = stateBadge(state);
  return <span className={badge.className} title={badge.title} data-testid="deployment-badge" data-state={state ?? 'none'}>{badge.text}</span>;
}
