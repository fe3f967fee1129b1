/**
 * The deployment check's vocabulary (SPEC §12): the state of one target, and the worst of a
 * certificate's targets, as the CLI, the bridge and the UI name them.
 */

/**
 * `served`: the issued certificate is served; `old`: another certificate covering the name is
 * served; `wrong-name`: the served certificate does not cover the name; `unreachable`: the
 * connection or the TLS handshake failed.
 */
export const DEPLOYMENT_STATES = ['served', 'old', 'wrong-name', 'unreachable'] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

/**
 * How bad each state is for "the worst state of its targets": a host known to serve another
 * certificate for the name (the classic renewed-but-not-deployed outage) is worse than one serving
 * a certificate for another name, which is worse than one that could not be asked at all.
 */
const RANK: Readonly<Record<DeploymentState, number>> = { served: 0, unreachable: 1, 'wrong-name': 2, old: 3 };

export function worstState(states: Iterable<DeploymentState>): DeploymentState | null {
  let worst: DeploymentState | null = null;
  for (const state of states) if (worst === null || RANK[state] > RANK[worst]) worst = state;
  return worst;
}

export function isDeploymentState(value: unknown): value is DeploymentState {
  return typeof value === 'string' && (DEPLOYMENT_STATES as readonly string[]).includes(value);
}

/** What each state says to a person, in lists and badges. */
export const STATE_LABELS: Readonly<Record<DeploymentState, string>> = {
  served: 'deployed', old: 'old certificate served', 'wrong-name': 'wrong certificate', unreachable: 'unreachable',
};
