/**
 * What the tray shows, from the core's state as the bridge reports it (listener, certificates,
 * the tunnel, the pause): one pure function.
 */
import { attentionReason, type CertificateSummary } from '../../shared/bridge/index.ts';

export type TrayIcon = 'ok' | 'attention' | 'error';

export interface TrayInput {
  /** Whether the webhook listener is serving. */
  listening: boolean;
  /** The local webhook URL the listener answers on. */
  webhookUrl: string | null;
  /** The public webhook URL (`tunnel.publicUrl`, or the running tunnel's URL + path): what the provider should be given. */
  publicUrl: string | null;
  listenerPath: string;
  certificates: CertificateSummary[];
  /** Until when notifications are paused (ms since epoch), or null. */
  pausedUntil: number | null;
  /** `tunnelProblem()` of the tunnel's state: failed, restarting, or up but not reachable; null when fine or stopped. */
  tunnelError?: string | null;
}

export interface TrayStatus {
  icon: TrayIcon;
  tooltip: string;
  /** The menu's first, disabled line. */
  statusLine: string;
  /** What "Copy webhook URL" copies: the public URL when there is one, else the local one. */
  copyUrl: string | null;
  attention: Array<{ name: string; reason: string }>;
}

/** A configured public URL names the tunnel's host; the listener path is appended unless it is there. */
export function publicWebhookUrl(publicUrl: string, path: string): string {
  const url = new URL(publicUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = path;
  return url.toString();
}

export function trayStatus(input: TrayInput): TrayStatus {
  const attention = input.certificates.flatMap((cert) => {
    const reason = attentionReason(cert);
    return reason ? [{ name: cert.commonName ?? cert.id, reason }] : [];
  });
  const copyUrl = input.publicUrl ? publicWebhookUrl(input.publicUrl, input.listenerPath) : input.webhookUrl;
  const paused = input.pausedUntil !== null ? ' (notifications paused)' : '';
  if (!input.listening) {
    return { icon: 'error', tooltip: 'Certbell: the webhook listener is not running', statusLine: 'Listener not running', copyUrl, attention };
  }
  if (input.tunnelError) {
    return { icon: 'error', tooltip: `Certbell: ${input.tunnelError}`, statusLine: input.tunnelError, copyUrl, attention };
  }
  if (attention.length > 0) {
    const line = attention.length === 1 ? `${attention[0].name}: ${attention[0].reason}` : `${attention.length} certificates need attention`;
    return { icon: 'attention', tooltip: `Certbell: ${line}${paused}`, statusLine: line, copyUrl, attention };
  }
  return { icon: 'ok', tooltip: `Certbell: listening${paused}`, statusLine: `Listening on ${input.webhookUrl}`, copyUrl, attention };
}
