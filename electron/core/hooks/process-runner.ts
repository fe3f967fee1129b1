/**
 * Supervises one process for a hook: output captured (capped), and a deadline after which it is
 * killed. How it is started is the spec's (a command in its own process group, the hooks-file
 * runner through the face's launcher); whatever the launcher can reach of what it left behind is
 * killed when it exits, so no orphan outlives its run.
 */
import { statSync } from 'node:fs';
import type { HookRunRecord } from '../../../shared/bridge/types.ts';
import { StringDecoder } from 'node:string_decoder';
import type { LaunchedProcess } from './script-launcher.ts';

export const OUTPUT_CAP_BYTES = 64 * 1024;

export interface ProcessSpec {
  /** What is started, as "could not start" messages name it. */
  file: string;
  cwd: string;
  timeoutMs: number;
  /** Starts it; may throw at once (a NUL in an argument or the environment, E2BIG, EAGAIN). */
  start(): LaunchedProcess;
}

/** What a hook's process did: the run record without its hook and stage. */
export type ProcessResult = Omit<HookRunRecord, 'hook' | 'stage'>;

export type OutputStream = 'stdout' | 'stderr';

export interface RunOptions {
  /** Output as it arrives (the kept part, UTF-8 decoded across chunk boundaries), e.g. to stream a test run to the UI. */
  onOutput?: (stream: OutputStream, text: string) => void;
}

/** Room for the note "[certbell: N more bytes not kept (cap 64 KiB)]" and its newline, whatever N. */
const NOTE_ROOM_BYTES = 80;

class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  /** Returns the part of the chunk that was kept. */
  push(chunk: Buffer): Buffer {
    const kept = chunk.subarray(0, Math.max(0, OUTPUT_CAP_BYTES - this.size));
    if (kept.length > 0) this.chunks.push(kept);
    this.size += kept.length;
    this.dropped += chunk.length - kept.length;
    return kept;
  }

  /** At most OUTPUT_CAP_BYTES of UTF-8 in all: when output was dropped, the note saying so fits in the cap too. */
  text(): string {
    const all = Buffer.concat(this.chunks);
    if (this.dropped === 0) return all.toString('utf8');
    let end = Math.min(all.length, OUTPUT_CAP_BYTES - NOTE_ROOM_BYTES);
    // Not inside a character: back to the first byte of a UTF-8 sequence.
    while (end > 0 && end < all.length && (all[end] & 0xc0) === 0x80) end--;
    const notKept = this.dropped + all.length - end;
    return `${all.subarray(0, end).toString('utf8')}\n[certbell: ${notKept} more bytes not kept (cap ${OUTPUT_CAP_BYTES / 1024} KiB)]`;
  }
}

function cannotStart(spec: ProcessSpec): string | null {
  try {
    if (!statSync(spec.cwd).isDirectory()) return `could not start: the working directory ${spec.cwd} is not a directory`;
  } catch {
    return `could not start: the working directory ${spec.cwd} does not exist`;
  }
  return null;
}

/** Decodes kept output for `onOutput`; a callback that throws must not break the run. */
function outputForwarder(stream: OutputStream, onOutput: RunOptions['onOutput']): { write(kept: Buffer): void; end(): void } {
  if (!onOutput) return { write: () => undefined, end: () => undefined };
  const decoder = new StringDecoder('utf8');
  const emit = (text: string) => {
    if (!text) return;
    try { onOutput(stream, text); } catch { /* the listener's own problem */ }
  };
  return { write: (kept) => emit(decoder.write(kept)), end: () => emit(decoder.end()) };
}

export function runProcess(spec: ProcessSpec, options: RunOptions = {}): Promise<ProcessResult> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  const base = { startedAt, exitCode: null, signal: null, timedOut: false, stdout: '', stderr: '' };
  const early = cannotStart(spec);
  if (early) return Promise.resolve({ ...base, durationMs: 0, error: early });
  let child: LaunchedProcess;
  try {
    child = spec.start();
  } catch (error) {
    // Thrown at once, not emitted: a NUL in an argument or the environment, E2BIG, EAGAIN.
    return Promise.resolve({ ...base, durationMs: elapsed(), error: `could not start: ${(error as Error).message}` });
  }
  return new Promise((resolve) => {
    const stdout = new CappedOutput();
    const stderr = new CappedOutput();
    const streamOut = outputForwarder('stdout', options.onOutput);
    const streamErr = outputForwarder('stderr', options.onOutput);
    let timedOut = false;
    let settled = false;
    const finish = (exitCode: number | null, signal: string | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      streamOut.end();
      streamErr.end();
      resolve({ startedAt, durationMs: elapsed(), exitCode, signal, timedOut,
        stdout: stdout.text(), stderr: stderr.text(), error });
    };
    const deadline = setTimeout(() => { timedOut = true; child.kill(); }, spec.timeoutMs);
    child.stdout.on('data', (c: Buffer) => streamOut.write(stdout.push(c)));
    child.stderr.on('data', (c: Buffer) => streamErr.write(stderr.push(c)));
    child.onError((error) => {
      const why = error.code === 'ENOENT' ? `${spec.file} not found` : error.code === 'EACCES' ? `${spec.file} is not executable` : error.message;
      finish(null, null, `could not start: ${why}`);
    });
    child.onExit((code, signal) => {
      child.kill();
      const done = () => finish(code, signal, timedOut ? `timed out after ${spec.timeoutMs} ms` : null);
      // Output still buffered in the pipes arrives before both streams end; don't wait for it forever.
      const guard = setTimeout(done, 1000);
      void Promise.all([ended(child.stdout), ended(child.stderr)]).then(() => { clearTimeout(guard); done(); });
    });
  });
}

/** Resolves when the stream has ended (or failed): all of its output has been read. */
function ended(stream: LaunchedProcess['stdout']): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
}
