/** Start-up failures a user can cause, explained for a dialog instead of a stack trace. */
import { ConfigInvalidError } from '../core/create-core.ts';
import { ListenError } from '../core/listener/http-listener.ts';

export interface StartProblem {
  title: string;
  message: string;
}

export function explainStartError(error: unknown, context: { configFile: string }): StartProblem {
  if (error instanceof ConfigInvalidError) {
    return { title: 'Certbell: config.json is invalid',
      message: `${error.message}\n\nFix ${context.configFile} (nothing was changed) and start Certbell again.` };
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    const port = error instanceof ListenError ? ` ${error.port}` : '';
    return { title: 'Certbell: the webhook port is in use',
      message: `Another program already listens on port${port} (another Certbell, or \`certbell serve\`?): ${(error as Error).message}.\n\n`
        + `Stop it, or choose another "listener.port" in ${context.configFile}, then start Certbell again.` };
  }
  if (code === 'EACCES') {
    return { title: 'Certbell: the webhook port is not allowed',
      message: `This user may not listen on the configured port. Choose a port above 1024 for "listener.port" in ${context.configFile}.` };
  }
  return { title: 'Certbell could not start', message: (error as Error)?.message ?? String(error) };
}
