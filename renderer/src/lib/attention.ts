/** Which certificates the dashboard flags: the shared rule, so the desktop tray agrees. */
export { attentionReason } from '../../../shared/bridge/attention.ts';
