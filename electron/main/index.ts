/**
 * The Electron shell's entry. For now it runs the same core as `certbell serve` inside the
 * Electron main process, with the data directory in Electron's userData; the tray, window and
 * native notifications are added by the desktop-face issue.
 */
import { app } from 'electron';
import { createCore, type Core } from '../core/create-core.ts';
import { streamLogger } from '../core/logger.ts';

const logger = streamLogger(process.stderr);
let core: Core | undefined;

app.on('window-all-closed', () => { /* a tray app keeps running without windows */ });

app.whenReady().then(async () => {
  core = await createCore({ dataDir: process.env.CERTBELL_DATA_DIR || app.getPath('userData'), logger });
  logger.info(`listening on ${core.webhookUrl()}`);
}).catch((error: Error) => {
  logger.error(error.message);
  app.exit(1);
});

app.on('before-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const stopping = core;
  core = undefined;
  void stopping.stop().finally(() => app.exit(0));
});
