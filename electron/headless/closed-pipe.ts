/**
 * Output to a reader that went away (`certbell deliveries | head -1`, `| true`): the write fails
 * with EPIPE, which Node raises as an error event on the stream and, unhandled, as a stack trace.
 * The command ends quietly instead: what cannot be written is dropped and the command's own exit
 * status stands. Any other write error is still raised.
 */

export interface PipeWriter {
  write(text: string | Uint8Array): unknown;
}

interface Stream extends PipeWriter {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** A writer over `stream` that goes silent once its reader has closed the pipe. */
export function quietOnClosedPipe(stream: Stream): PipeWriter {
  let closed = false;
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return {
    write(text) {
      if (closed) return false;
      return stream.write(text);
    },
  };
}
