/**
 * Deny by default for the window's web contents: no new windows, no navigation away from the app,
 * no permissions (camera, notifications, clipboard-read, …). Links to http(s) open in the browser;
 * any other scheme (file:, smb:, custom handlers) is refused, since openExternal would run it.
 */
import { shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol.ts';

export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Node's URL gives a non-special scheme the origin "null", so compare scheme and host instead. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    // In-app hash changes do not fire will-navigate; anything that does is leaving the app.
    event.preventDefault();
    if (isExternalLink(url)) void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}
