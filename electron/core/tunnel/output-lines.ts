/** The tunnel's recent output: complete lines (ANSI colours stripped), the last `max` kept for the UI. */
import { StringDecoder } from 'node:string_decoder';
import { stripAnsi } from './url-extractor.ts';

const MAX_LINE_CHARS = 1_000;

export class OutputLines {
  private readonly lines: string[] = [];
  private readonly max: number;

  constructor(max = 40) {
    this.max = max;
  }

  /** Keeps the line as shown (colour codes and carriage returns removed, long lines cut) and returns it so. */
  add(line: string): string {
    const stripped = stripAnsi(line).replace(/\r/g, '');
    const clean = stripped.length > MAX_LINE_CHARS ? `${stripped.slice(0, MAX_LINE_CHARS)}…` : stripped;
    this.lines.push(clean);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
    return clean;
  }

  all(): string[] {
    return [...this.lines];
  }
}

/** Splits a byte stream into lines, decoding UTF-8 across chunk boundaries; `end` flushes a last partial line. */
export function lineSplitter(onLine: (line: string) => void): { write(chunk: Buffer): void; end(): void } {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  const feed = (text: string) => {
    partial += text;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    // A tunnel that never ends a line must not grow this buffer without bound.
    if (partial.length > 64 * 1024) { parts.push(partial); partial = ''; }
    for (const part of parts) onLine(part);
  };
  return {
    write: (chunk) => feed(decoder.write(chunk)),
    end: () => { feed(decoder.end()); if (partial) onLine(partial); partial = ''; },
  };
}
