/** What the dashboard flags: the shared rules, so the desktop tray and `certbell serve` agree. */
export { attentionReason, setupProblems } from '../../../shared/bridge/attention.ts';
