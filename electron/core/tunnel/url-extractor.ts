/**
 * Reading the public URL out of a tunnel's output (SPEC §8). With `tunnel.urlPattern` the first
 * match wins (its `url` named group, else its first group, else the whole match). Without one,
 * the first https URL that is a bare origin: tunnels announce their URL without a path, while the
 * banners before it link to terms and docs pages (cloudflared's quick tunnel does exactly that).
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const HTTPS_URL = /https:\/\/[^\s"'<>|`\\]+/g;

export function stripAnsi(line: string): string {
  return line.replace(ANSI, '');
}

function bareOrigin(candidate: string): string | null {
  const trimmed = candidate.replace(/[.,;:)\]}]+$/, '');
  try {
    const url = new URL(trimmed);
    if (url.pathname !== '/' || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export type UrlExtractor = (line: string) => string | null;

export function urlExtractor(pattern: string | null): UrlExtractor {
  if (pattern) {
    const regex = new RegExp(pattern);
    return (line) => {
      const match = regex.exec(stripAnsi(line));
      if (!match) return null;
      const found = match.groups?.url ?? match[1] ?? match[0];
      return found ? found.trim() : null;
    };
  }
  return (line) => {
    for (const match of stripAnsi(line).matchAll(HTTPS_URL)) {
      const origin = bareOrigin(match[0]);
      if (origin) return origin;
    }
    return null;
  };
}

/** The webhook URL the provider must call: a configured public URL as it is, else tunnel URL + listener path. */
export function publicWebhookUrl(tunnelUrl: string | null, path: string, publicUrl: string | null): string | null {
  if (publicUrl) return publicUrl;
  if (!tunnelUrl) return null;
  return `${tunnelUrl.replace(/\/+$/, '')}${path}`;
}
