/**
 * `DIR/listener.json`: where the running Certbell's webhook listener actually is, for the CLI in
 * another process — `certbell serve --port 0` or `--port 9000` listens elsewhere than config.json says.
 */
import { readRuntimeFileSync, removeRuntimeFileSync, writeRuntimeFileSync } from '../config/runtime-file.ts';

const NAME = 'listener.json';

export interface ListenerFile {
  pid: number;
  webhookUrl: string;
  updatedAt: string;
}

export function writeListenerFileSync(dataDir: string, webhookUrl: string): void {
  writeRuntimeFileSync(dataDir, NAME, { webhookUrl });
}

export function removeListenerFileSync(dataDir: string): void {
  removeRuntimeFileSync(dataDir, NAME);
}

export function readListenerFileSync(dataDir: string): ListenerFile | null {
  return readRuntimeFileSync<ListenerFile>(dataDir, NAME);
}
