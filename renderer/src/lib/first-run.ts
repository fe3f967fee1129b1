/** The first-run card's steps, in order, and whether each is done (pure, so the order and the rules are tested). */

export type FirstRunStepId = 'secret' | 'url' | 'test' | 'tunnel';

export interface FirstRunStep {
  id: FirstRunStepId;
  title: string;
  done: boolean;
}

export interface FirstRunFacts {
  /** Configured secrets. */
  secrets: number;
  /** Accepted deliveries, the test ones included: a signed delivery got through. */
  accepted: number;
  /** A delivery arrived that Certbell did not send itself (not a test or reachability check). */
  fromProvider: boolean;
  /** The tunnel's public webhook URL (or the fixed one), null while there is none. */
  publicUrl: string | null;
}

export function firstRunSteps(facts: FirstRunFacts): FirstRunStep[] {
  return [
    { id: 'secret', title: 'Set a secret', done: facts.secrets > 0 },
    { id: 'url', title: "Paste this URL into SSL Panel's webhook settings", done: facts.fromProvider },
    { id: 'test', title: 'Send a test delivery', done: facts.accepted > 0 },
    { id: 'tunnel', title: 'Start a tunnel', done: facts.publicUrl !== null },
  ];
}
