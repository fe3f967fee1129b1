/** Small display helpers shared by the views. Times: see time-format.ts (relative and absolute, in the user's locale). */
import { formatAbsolute } from './time-format.ts';

export { formatAbsolute, formatRelative, userLocale, type TimeOptions } from './time-format.ts';

/** The absolute time in the user's locale and time zone ("—" for none). */
export function formatTime(iso: string | null | undefined): string {
  return formatAbsolute(iso);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}

export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The body as text when it is valid UTF-8, otherwise null (the caller shows a hex view). */
export function bytesAsText(bytes: Uint8Array): string | null {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { return null; }
}

export function hexDump(bytes: Uint8Array, max = 4096): string {
  const lines: string[] = [];
  for (let offset = 0; offset < Math.min(bytes.length, max); offset += 16) {
    const row = Array.from(bytes.slice(offset, offset + 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${row}`);
  }
  if (bytes.length > max) lines.push(`… ${bytes.length - max} more bytes`);
  return lines.join('\n');
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Saves `text` as a file through a temporary object URL (no inline data, CSP-safe). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Why a notification in the history was not shown, in words (the history stores a short code). */
const NOT_SHOWN_BECAUSE: Record<string, string> = {
  disabled: 'notifications are switched off',
  'kind-off': 'this kind is switched off',
  paused: 'paused',
  'quiet-hours': 'quiet hours',
  'no-notifier': 'no notification service to show it',
};

/** "not shown: quiet hours"; an unknown code is kept as it is. */
export function notShownText(reason: string | null): string {
  return reason ? `not shown: ${NOT_SHOWN_BECAUSE[reason] ?? reason}` : 'not shown';
}

/** An argv as a shell would need it typed: words with spaces or shell characters in single quotes. */
export function shellWords(argv: readonly string[]): string {
  return argv.map((word) => (/^[\w@%+=:,./{}-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}
