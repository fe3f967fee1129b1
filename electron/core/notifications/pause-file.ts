/**
 * `DIR/pause.json`: the headless face's "pause notifications", beside config.json, so that
 * `certbell notifications pause` (a process of its own) reaches a running `certbell serve`. Unlike
 * listener.json it outlives its writer: the CLI writes it and exits. No file is no pause.
 *
 *   {"pausedUntil":"2026-06-01T13:00:00.000Z","updatedAt":"2026-06-01T12:00:00.000Z"}
 */
import { readFileSync, renameSync, rmSync, statSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { PauseStore } from './pause.ts';

export const PAUSE_FILE = 'pause.json';

export const pauseFile = (dataDir: string) => join(dataDir, PAUSE_FILE);

/**
 * Until when (ms since epoch, possibly past), or null: no file, or one that cannot be read as a
 * pause (wrongly hiding a notification is worse than wrongly showing one).
 */
export function readPauseFileSync(dataDir: string): number | null {
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(pauseFile(dataDir), 'utf8')); } catch { return null; }
  const until = (raw as { pausedUntil?: unknown } | null)?.pausedUntil;
  if (typeof until !== 'string') return null;
  const ms = Date.parse(until);
  return Number.isFinite(ms) ? ms : null;
}

/** Written whole (a temp file of this process, then rename), readable by the owner only; null removes it. */
export function writePauseFileSync(dataDir: string, until: number | null, now = Date.now()): void {
  const file = pauseFile(dataDir);
  if (until === null) {
    rmSync(file, { force: true });
    return;
  }
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ pausedUntil: new Date(until).toISOString(), updatedAt: new Date(now).toISOString() })}\n`,
    { mode: 0o600 });
  renameSync(temp, file);
}

/** The file's identity: a rename puts a new inode in place, so a rewrite within one mtime tick still differs. */
function fileKey(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.ino}:${stat.mtimeMs}:${stat.size}` : 'none';
}

/**
 * pause.json as a PauseStore. Each read looks at the file's identity first (one stat) and reads it
 * again only when it changed, so a pause written by another process counts for the very next
 * notification, without waiting for the watcher.
 */
export class PauseFile implements PauseStore {
  private readonly dataDir: string;
  private readonly file: string;
  private key = '';
  private until: number | null = null;

  constructor(dataDir: string) {
    this.dataDir = dataDir;
    this.file = pauseFile(dataDir);
  }

  read(): number | null {
    const key = fileKey(this.file);
    if (key !== this.key) {
      this.until = readPauseFileSync(this.dataDir);
      this.key = key;
    }
    return this.until;
  }

  write(until: number | null): void {
    writePauseFileSync(this.dataDir, until);
  }

  /** Watches the data directory (writers rename over the file) for pause.json, debounced. */
  watch(onChange: () => void, debounceMs = 50): () => void {
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher;
    try {
      watcher = watch(this.dataDir, (_event, name) => {
        if (name !== null && name !== PAUSE_FILE) return;
        clearTimeout(timer);
        timer = setTimeout(onChange, debounceMs);
      });
    } catch {
      // No watching (an unusual file system): each notification still reads the file first.
      return () => undefined;
    }
    watcher.on('error', () => watcher.close());
    watcher.unref();
    return () => { clearTimeout(timer); watcher.close(); };
  }
}
