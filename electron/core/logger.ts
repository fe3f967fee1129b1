/** The logger injected everywhere: lines on a stream (stderr for `serve`), never secrets. */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function streamLogger(stream: { write(text: string): unknown }, now: () => Date = () => new Date()): Logger {
  const line = (level: string) => (message: string) => {
    stream.write(`${now().toISOString()} ${level} ${message}\n`);
  };
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
