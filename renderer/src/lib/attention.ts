/** Which certificates the dashboard flags: the shared rule, so the desktop tray agrees. */
export { attentionReason, EXPIRY_WARNING_DAYS } from '../../../shared/bridge/attention.ts';
