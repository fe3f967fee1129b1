/**
 * Run by `npm start` before anything else: where the Electron runtime is missing, explain why and
 * offer the headless face instead of letting `electron .` fail with a stack trace.
 */
import { findElectronRuntime } from './electron-runtime.ts';

const runtime = findElectronRuntime();
if (!runtime.ok) {
  console.error(`Certbell's desktop app cannot start here: ${runtime.reason}.

The Electron runtime is downloaded on first install, from the network. On a machine with network
access, install it with:
    npx install-electron --no        (or: rm -rf node_modules/electron && npm ci)

Meanwhile, the same Certbell runs without Electron:
    npm run serve                    the listener, notifications and the UI in your browser
    npx certbell --help              the command line
`);
  process.exit(1);
}
