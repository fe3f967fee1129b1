/** The Electron shell's entry: the desktop face over the same core as `certbell serve`. */
import { app } from 'electron';
import { streamLogger } from '../core/logger.ts';
import { startDesktop } from './desktop.ts';

const logger = streamLogger(process.stderr);

startDesktop({ logger }).catch((error: Error) => {
  logger.error(error.stack ?? error.message);
  app.exit(1);
});
