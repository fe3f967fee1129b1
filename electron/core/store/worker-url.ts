/** Where a store thread's code is: sources run as .ts (Node strips types), the Electron build as .js. */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ext = extname(fileURLToPath(import.meta.url));

/** The thread `name` beside the module at `from` (its `import.meta.url`). */
export function workerUrl(name: string, from: string): URL {
  return new URL(`./${name}${ext}`, from);
}
